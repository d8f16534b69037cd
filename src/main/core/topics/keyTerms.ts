import { detectLanguage, STOP_WORDS, stopWordsOf } from './stopWords';

/**
 * Key terms of a library: words and two-word phrases weighted by TF-IDF per document. They name
 * clusters on the heatmap axes ("wing, drag, airfoil") and form the explorer's vocabulary (the terms
 * an analogy's result is compared against). Plain statistics, no model: the same text gives the same
 * terms in any language the tokenizer splits on letters.
 */

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*|[.!?;:()]/gu;
const DIGITS = /^\p{N}+$/u;

/**
 * Lower-case word tokens (letters, with inner digits/hyphens); stop words (of `stopWords`, by default
 * our English list) become `null` separators.
 */
export function tokenize(text: string, stopWords: ReadonlySet<string> = STOP_WORDS): Array<string | null> {
  const out: Array<string | null> = [];
  const lower = text.toLowerCase();
  WORD.lastIndex = 0;
  for (let m = WORD.exec(lower); m !== null; m = WORD.exec(lower)) {
    let word = m[0];
    const last = word.charCodeAt(word.length - 1);
    if (last === 39 || last === 45 || last === 0x2019) word = word.replace(/['’-]+$/u, '');
    // Punctuation, numbers and odd lengths break phrases (a phrase never spans a full stop).
    if (word.length < 2 || word.length > 30 || DIGITS.test(word)) out.push(null);
    else out.push(stopWords.has(word) ? null : word);
  }
  return out;
}

export interface DocumentTerms {
  /** Term ids, strongest first. */
  ids: Int32Array;
  /** TF-IDF weights, L2-normalised per document. */
  weights: Float32Array;
}

/** Raw counts of every term (words and two-word phrases) of one document. */
export interface TermCounts {
  ids: Int32Array;
  counts: Int32Array;
}

export interface TermIndex {
  terms: string[];
  /** Documents containing each term. */
  df: Int32Array;
  documents: number;
  byDocument: Map<string, DocumentTerms>;
  /** Every term's count per document (topic labels weigh whole clusters by them). */
  counts: Map<string, TermCounts>;
  /** Each document's detected language (ISO 639-1); absent when none was detected. */
  languages: Map<string, string>;
}

/** Collects term counts document by document, then weights them once every document is in. */
export class TermCounter {
  private readonly ids = new Map<string, number>();
  private readonly terms: string[] = [];
  private df: number[] = [];
  private readonly counts = new Map<string, TermCounts>();
  private readonly languages = new Map<string, string>();
  private readonly phrases = new Map<number, number>();

  /** Adds one document's text (call once per document). */
  add(docId: string, text: string): void {
    // Each document drops the stop words of its own language (and our English list).
    const language = detectLanguage(text);
    if (language) this.languages.set(docId, language);
    const tokens = tokenize(text, stopWordsOf(language ?? 'en'));
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
    return { terms: this.terms, df, documents, byDocument, counts: this.counts, languages: this.languages };
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
