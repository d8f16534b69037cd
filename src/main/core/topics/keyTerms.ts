import { STOP_WORDS } from './stopWords';

/**
 * Key terms of a library: words and two-word phrases weighted by TF-IDF per document. They name
 * clusters on the heatmap axes ("wing, drag, airfoil") and form the explorer's vocabulary (the terms
 * an analogy's result is compared against). Plain statistics, no model: the same text gives the same
 * terms in any language the tokenizer splits on letters.
 */

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*|[.!?;:()]/gu;
const DIGITS = /^\p{N}+$/u;

/** Lower-case word tokens (letters, with inner digits/hyphens); stopwords become `null` separators. */
export function tokenize(text: string): Array<string | null> {
  const out: Array<string | null> = [];
  const lower = text.toLowerCase();
  WORD.lastIndex = 0;
  for (let m = WORD.exec(lower); m !== null; m = WORD.exec(lower)) {
    let word = m[0];
    const last = word.charCodeAt(word.length - 1);
    if (last === 39 || last === 45 || last === 0x2019) word = word.replace(/['’-]+$/u, '');
    // Punctuation, numbers and odd lengths break phrases (a phrase never spans a full stop).
    if (word.length < 2 || word.length > 30 || DIGITS.test(word)) out.push(null);
    else out.push(STOP_WORDS.has(word) ? null : word);
  }
  return out;
}

export interface DocumentTerms {
  /** Term ids, strongest first. */
  ids: Int32Array;
  /** TF-IDF weights, L2-normalised per document. */
  weights: Float32Array;
}

export interface TermIndex {
  terms: string[];
  /** Documents containing each term. */
  df: Int32Array;
  documents: number;
  byDocument: Map<string, DocumentTerms>;
}

/** Collects term counts document by document, then weights them once every document is in. */
export class TermCounter {
  private readonly ids = new Map<string, number>();
  private readonly terms: string[] = [];
  private df: number[] = [];
  private readonly counts = new Map<string, { ids: Int32Array; counts: Int32Array }>();
  private readonly phrases = new Map<number, number>();

  /** Adds one document's text (call once per document). */
  add(docId: string, text: string): void {
    const tokens = tokenize(text);
    const local = new Map<number, number>();
    const idOf = (term: string): number => {
      let id = this.ids.get(term);
      if (id === undefined) {
        id = this.terms.length;
        this.ids.set(term, id);
        this.terms.push(term);
        this.df.push(0);
      }
      return id;
    };
    let previous = -1;
    for (const t of tokens) {
      if (!t) {
        previous = -1;
        continue;
      }
      const id = idOf(t);
      local.set(id, (local.get(id) ?? 0) + 1);
      if (previous >= 0) {
        // Phrases are keyed by their two word ids: no string is built for a phrase seen before.
        const pairKey = previous * 0x200000 + id;
        let phrase = this.phrases.get(pairKey);
        if (phrase === undefined) {
          phrase = idOf(`${this.terms[previous] as string} ${t}`);
          this.phrases.set(pairKey, phrase);
        }
        local.set(phrase, (local.get(phrase) ?? 0) + 1);
      }
      previous = id;
    }
    for (const id of local.keys()) this.df[id] = (this.df[id] as number) + 1;
    this.counts.set(docId, { ids: Int32Array.from(local.keys()), counts: Int32Array.from(local.values()) });
  }

  /** TF-IDF per document (log-scaled tf, smoothed idf), keeping each document's `perDocument` best terms. */
  finish(perDocument = 40): TermIndex {
    const documents = this.counts.size;
    const df = Int32Array.from(this.df);
    // A phrase seen in one document only is noise (a name, a typo); single words may stay.
    const minPhraseDf = documents >= 5 ? 2 : 1;
    const byDocument = new Map<string, DocumentTerms>();
    for (const [docId, { ids, counts }] of this.counts) {
      const scored: Array<[number, number]> = [];
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i] as number;
        const d = df[id] as number;
        if ((this.terms[id] as string).includes(' ') && d < minPhraseDf) continue;
        const idf = Math.log((1 + documents) / (1 + d)) + 1;
        scored.push([id, (1 + Math.log(counts[i] as number)) * idf]);
      }
      scored.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      const kept = scored.slice(0, perDocument);
      const norm = Math.sqrt(kept.reduce((s, [, w]) => s + w * w, 0)) || 1;
      byDocument.set(docId, {
        ids: Int32Array.from(kept, ([id]) => id),
        weights: Float32Array.from(kept, ([, w]) => w / norm),
      });
    }
    return { terms: this.terms, df, documents, byDocument };
  }
}

export interface VocabularyTerm {
  term: string;
  /** Documents containing it. */
  df: number;
  /** Summed TF-IDF weight over documents (how much of the library is about it). */
  weight: number;
}

/** The library's `size` strongest terms: summed per-document weight, present in 2+ documents when possible. */
export function libraryVocabulary(index: TermIndex, size: number): VocabularyTerm[] {
  const weight = new Map<number, number>();
  for (const { ids, weights } of index.byDocument.values()) {
    ids.forEach((id, i) => weight.set(id, (weight.get(id) ?? 0) + (weights[i] as number)));
  }
  const minDf = index.documents >= 5 ? 2 : 1;
  return [...weight.entries()]
    .filter(([id]) => (index.df[id] as number) >= minDf)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, size)
    .map(([id, w]) => ({ term: index.terms[id] as string, df: index.df[id] as number, weight: w }));
}

/**
 * A short label per group of documents: the terms most characteristic of the group relative to the
 * whole library (mean weight in the group times its lift over the library mean). A phrase chosen
 * suppresses its own words, so labels read "wing design, drag" rather than "wing design, wing, design".
 */
export function labelGroups(
  index: TermIndex,
  groups: ReadonlyArray<readonly string[]>,
  termsPerLabel = 3,
): string[] {
  const overall = new Map<number, number>();
  for (const { ids, weights } of index.byDocument.values()) {
    ids.forEach((id, i) => overall.set(id, (overall.get(id) ?? 0) + (weights[i] as number)));
  }
  const total = Math.max(1, index.byDocument.size);
  return groups.map((docIds) => {
    const inGroup = new Map<number, number>();
    let members = 0;
    for (const docId of docIds) {
      const terms = index.byDocument.get(docId);
      if (!terms) continue;
      members++;
      terms.ids.forEach((id, i) => inGroup.set(id, (inGroup.get(id) ?? 0) + (terms.weights[i] as number)));
    }
    if (members === 0) return '';
    const scored = [...inGroup.entries()]
      .map(([id, sum]) => {
        const mean = sum / members;
        const lift = mean / ((overall.get(id) ?? sum) / total);
        return [id, mean * lift] as const;
      })
      .sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const chosen: string[] = [];
    const covered = new Set<string>();
    for (const [id] of scored) {
      const term = index.terms[id] as string;
      const words = term.split(' ');
      if (covered.has(term) || (words.length === 1 && chosen.some((c) => c.split(' ').includes(term))))
        continue;
      if (words.length > 1 && words.every((w) => covered.has(w))) continue;
      chosen.push(term);
      for (const w of words) covered.add(w);
      covered.add(term);
      if (chosen.length === termsPerLabel) break;
    }
    return chosen.join(', ');
  });
}
