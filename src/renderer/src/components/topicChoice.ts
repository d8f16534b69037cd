import type { TopicModelSummary } from '../../../shared/api/methods/topics';

/**
 * A topic filter as one string, for a <select> value and the URL (`#/search?topic=2.5`): '' for all
 * topics, `<topic>` for a topic, `<topic>.<subtopic>` for one of its sub-topics. The ids are the
 * library's topic model's (`topics.get`), so the contract's filter is read from the string alone: a
 * search from a bookmark is narrowed at once, before the topic model has loaded.
 */
export type TopicChoice = string;

const pattern = /^(\d{1,6})(?:\.(\d{1,6}))?$/;

/** The contract's topic filter of a choice (null: all topics, or a value that is not a choice). */
export function topicFilterOf(choice: TopicChoice): { topic: number; subtopic?: number } | null {
  const m = pattern.exec(choice);
  if (!m) return null;
  return m[2] === undefined ? { topic: Number(m[1]) } : { topic: Number(m[1]), subtopic: Number(m[2]) };
}

/** A choice as written in the URL: a well-formed value, or '' (a hand-edited URL never throws). */
export function parseTopicChoice(raw: string | null): TopicChoice {
  return raw !== null && pattern.test(raw) ? raw : '';
}

/** The choice of a topic, or of one of its sub-topics. */
export function topicChoice(topic: number, subtopic?: number): TopicChoice {
  return subtopic === undefined ? String(topic) : `${topic}.${subtopic}`;
}

/**
 * What a choice names in the topic model: its label ("boundary layer · drag", a sub-topic's with its
 * topic's in front), or null while the model is loading or when the library no longer has it.
 */
export function topicChoiceLabel(choice: TopicChoice, topics: TopicModelSummary | null): string | null {
  const filter = topicFilterOf(choice);
  if (!filter || !topics) return null;
  const topic = topics.topics.find((t) => t.id === filter.topic);
  if (!topic) return null;
  if (filter.subtopic === undefined) return topic.label;
  const sub = topics.subtopics.find((s) => s.id === filter.subtopic && s.topic === topic.id);
  return sub ? `${topic.label} › ${sub.label}` : null;
}
