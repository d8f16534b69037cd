import { createRequire } from 'node:module';

/**
 * An independent BM25 (wink-bm25-text-search, a maintained npm library; dev dependency) run over the
 * same documents in the same `loci eval` command, so our LanceDB keyword search is checked against a
 * reference. Text preparation: lowercase words, English stop words dropped, Porter2 stems.
 */
const require = createRequire(import.meta.url);

interface WinkEngine {
  defineConfig(config: { fldWeights: Record<string, number>; bm25Params?: { k1: number; b: number } }): void;
  definePrepTasks(tasks: Array<(input: string | string[]) => string | string[]>): void;
  addDoc(doc: Record<string, string>, id: number): void;
  consolidate(): void;
  search(query: string, limit?: number): Array<[number, number]>;
}

const stopWords = new Set(
  `a about above after again against all am an and any are as at be because been before being below between both
  but by can could did do does doing down during each few for from further had has have having he her here hers
  herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on
  once only or other our ours ourselves out over own same she should so some such than that the their theirs them
  themselves then there these they this those through to too under until up very was we were what when where which
  while who whom why will with would you your yours yourself yourselves`.split(/\s+/),
);

export function createReferenceBm25(): {
  add(id: number, text: string): void;
  finish(): void;
  search(query: string, k: number): number[];
} {
  const bm25 = require('wink-bm25-text-search') as () => WinkEngine;
  const stem = require('wink-porter2-stemmer') as (word: string) => string;
  const engine = bm25();
  engine.defineConfig({ fldWeights: { body: 1 }, bm25Params: { k1: 1.2, b: 0.75 } });
  engine.definePrepTasks([
    (text) =>
      String(text)
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter((w) => w.length > 0 && !stopWords.has(w))
        .map(stem),
  ]);
  return {
    add: (id, text) => engine.addDoc({ body: text }, id),
    finish: () => engine.consolidate(),
    search: (query, k) => engine.search(query, k).map(([id]) => Number(id)),
  };
}
