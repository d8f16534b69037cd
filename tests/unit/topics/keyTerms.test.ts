import { describe, expect, it } from 'vitest';
import { labelTopics } from '../../../src/main/core/topics/topicLabels';
import { libraryVocabulary, TermCounter, tokenize } from '../../../src/main/core/topics/keyTerms';
import { topics } from '../similarity/topicCorpus';

describe('key terms', () => {
  it('tokenises to lower-case words, dropping stopwords and numbers as phrase breaks', () => {
    expect(tokenize('The Swept wings, of 2024 aircraft.')).toEqual([
      null,
      'swept',
      'wings',
      null,
      null,
      'aircraft',
      null,
    ]);
  });

  it('labels groups of documents by their characteristic terms, and lists a library vocabulary', () => {
    const counter = new TermCounter();
    const groups: Record<string, string[]> = { aviation: [], river: [], baking: [] };
    for (const [topic, sentences] of Object.entries(topics)) {
      for (let i = 0; i < 4; i++) {
        const id = `${topic}-${i}`;
        counter.add(id, sentences.filter((_, s) => (s + i) % 2 === 0).join(' '));
        groups[topic]!.push(id);
      }
    }
    const index = counter.finish();
    const [aviation, river, baking] = labelTopics(index, [
      groups.aviation!,
      groups.river!,
      groups.baking!,
    ]).map((l) => l.label);
    const words = (label: string | undefined) => (label ?? '').split(/[ ·]+/);
    expect(words(aviation).some((w) => ['wing', 'wings', 'lift', 'drag', 'aircraft'].includes(w))).toBe(true);
    expect(words(river).some((w) => ['river', 'salmon', 'fish', 'wetland', 'beavers'].includes(w))).toBe(
      true,
    );
    expect(words(baking).some((w) => ['dough', 'gluten', 'bread', 'yeast', 'flour'].includes(w))).toBe(true);
    expect(aviation!.split(' · ')).toHaveLength(3);

    const vocabulary = libraryVocabulary(index, 30);
    expect(vocabulary).toHaveLength(30);
    expect(vocabulary.every((t) => t.df >= 2)).toBe(true);
    expect(vocabulary.map((t) => t.term)).toContain('gluten');
  });
});
