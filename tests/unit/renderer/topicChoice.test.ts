import { describe, expect, it } from 'vitest';
import type { TopicModelSummary } from '../../../src/shared/api/methods/topics';
import {
  parseTopicChoice,
  topicChoice,
  topicChoiceLabel,
  topicFilterOf,
} from '../../../src/renderer/src/components/topicChoice';

const model: TopicModelSummary = {
  model: 'm',
  dataVersion: '1',
  computedAt: 0,
  documents: 9,
  silhouette: 0.3,
  topics: [
    { id: 0, label: 'wing · lift', terms: ['wing', 'lift'], size: 5, subtopics: [0, 1] },
    { id: 1, label: 'river · salmon', terms: ['river', 'salmon'], size: 4, subtopics: [2] },
  ],
  subtopics: [
    { id: 0, topic: 0, label: 'stall', terms: ['stall'], size: 3 },
    { id: 1, topic: 0, label: 'flaps', terms: ['flaps'], size: 2 },
    { id: 2, topic: 1, label: 'beaver', terms: ['beaver'], size: 4 },
  ],
};

describe('topic choice (the topic filter as one string, for menus and the URL)', () => {
  it('round-trips topics and sub-topics to the contract filter', () => {
    expect(topicFilterOf(topicChoice(1))).toEqual({ topic: 1 });
    expect(topicFilterOf(topicChoice(0, 1))).toEqual({ topic: 0, subtopic: 1 });
    expect(topicFilterOf('')).toBeNull();
  });

  it('reads only well-formed values from a URL', () => {
    expect(parseTopicChoice('3')).toBe('3');
    expect(parseTopicChoice('3.12')).toBe('3.12');
    for (const bad of [null, '', '-1', '1.', 'a', '1.2.3', '1e3', ' 1'])
      expect(parseTopicChoice(bad)).toBe('');
  });

  it('names the choice from the topic model, or null when the model lacks it', () => {
    expect(topicChoiceLabel('0', model)).toBe('wing · lift');
    expect(topicChoiceLabel('0.1', model)).toBe('wing · lift › flaps');
    expect(topicChoiceLabel('1.1', model)).toBeNull(); // sub-topic 1 belongs to topic 0
    expect(topicChoiceLabel('7', model)).toBeNull();
    expect(topicChoiceLabel('0', null)).toBeNull();
  });
});
