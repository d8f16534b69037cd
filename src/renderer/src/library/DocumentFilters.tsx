import { useEffect, useState } from 'react';
import type { DocumentKind, DocumentStatus, LibraryStatus } from '../../../shared/api/methods/library';
import type { TopicModelSummary } from '../../../shared/api/methods/topics';
import { statusLabel } from '../components/StatusBadge';
import { KindSelect } from '../components/KindSelect';
import type { TopicChoice } from '../components/topicChoice';
import { TopicSelect } from '../components/TopicSelect';
import { documentStatuses } from '../components/vocabulary';

export interface DocumentFilterState {
  status: DocumentStatus | '';
  kind: DocumentKind | '';
  text: string;
  /** '' (any), a topic or a sub-topic of the library's topic model (see topicChoice.ts). */
  topic: TopicChoice;
}

/**
 * Counts by status (each a toggle that filters the table) plus kind, topic and text filters. The text
 * field is debounced so typing does not fire a query per key. Topics (and their sub-topics, indented)
 * come from the library's topic model, the same topics the map and heatmaps show.
 */
export function DocumentFilters({
  counts,
  topics,
  value,
  onChange,
}: {
  counts: LibraryStatus['documents'] | null;
  topics: TopicModelSummary | null;
  value: DocumentFilterState;
  onChange: (next: DocumentFilterState) => void;
}) {
  const [text, setText] = useState(value.text);
  useEffect(() => {
    if (text === value.text) return;
    const timer = setTimeout(() => onChange({ ...value, text }), 200);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);

  return (
    <div className="doc-filters">
      <div className="status-chips" role="group" aria-label="Filter by status" data-testid="status-counts">
        <button
          type="button"
          aria-pressed={value.status === ''}
          onClick={() => onChange({ ...value, status: '' })}
          data-count-status="total"
          data-count={counts?.total ?? 0}
        >
          All <span className="count">{counts?.total ?? 0}</span>
        </button>
        {documentStatuses.map((s) => (
          <button
            key={s}
            type="button"
            className={`chip-${s}`}
            aria-pressed={value.status === s}
            onClick={() => onChange({ ...value, status: value.status === s ? '' : s })}
            data-count-status={s}
            data-count={counts?.[s] ?? 0}
            hidden={s !== 'ok' && s !== 'failed' && !counts?.[s]}
          >
            {statusLabel(s)} <span className="count">{counts?.[s] ?? 0}</span>
          </button>
        ))}
      </div>
      <div className="filter-fields">
        <label>
          <span className="visually-hidden">Filter documents by title or path</span>
          <input
            type="search"
            placeholder="Filter by title or path"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <label>
          <span className="visually-hidden">Kind</span>
          <KindSelect value={value.kind} onChange={(kind) => onChange({ ...value, kind })} />
        </label>
        {topics && topics.topics.length > 0 && (
          <label>
            <span className="visually-hidden">Topic</span>
            <TopicSelect
              aria-label="Topic"
              data-testid="topic-filter"
              topics={topics}
              value={value.topic}
              onChange={(topic) => onChange({ ...value, topic })}
            />
          </label>
        )}
      </div>
    </div>
  );
}
