import type { TopicModelSummary } from '../../../shared/api/methods/topics';
import { topicChoice, topicChoiceLabel, type TopicChoice } from './topicChoice';

/**
 * "All topics", each topic of the library's topic model and, indented under it, its sub-topics (when
 * it has more than one), with their document counts: the same topics the map and heatmaps show. A
 * choice the model does not have (a bookmark from before the library changed) stays selected as
 * "Topic no longer in the library", so the user sees why nothing matches and can clear it.
 */
export function TopicSelect({
  topics,
  value,
  onChange,
  ...rest
}: {
  topics: TopicModelSummary | null;
  value: TopicChoice;
  onChange: (choice: TopicChoice) => void;
  'aria-label'?: string;
  'data-testid'?: string;
}) {
  const known = value === '' || topicChoiceLabel(value, topics) !== null;
  return (
    <select {...rest} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">All topics</option>
      {!known && <option value={value}>{topics ? 'Topic no longer in the library' : 'Topic…'}</option>}
      {topics?.topics.map((t) => [
        <option key={`t${t.id}`} value={topicChoice(t.id)}>
          {t.label} ({t.size})
        </option>,
        ...(t.subtopics.length > 1
          ? t.subtopics.map((s) => (
              <option key={`s${s}`} value={topicChoice(t.id, s)}>
                {'\u00a0\u00a0\u00a0'}
                {topics.subtopics[s]?.label} ({topics.subtopics[s]?.size})
              </option>
            ))
          : []),
      ])}
    </select>
  );
}
