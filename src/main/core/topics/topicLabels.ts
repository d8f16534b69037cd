import { TermCounter, type TermIndex } from './keyTerms';
import { stopWordsOfAll } from './stopWords';

/**
 * Topic labels by class-based TF-IDF (c-TF-IDF, as in BERTopic) of each cluster against the library:
 * all the text of a cluster is one "class document"; a term's weight in class c is
 *
 *   W(t, c) = tf(t, c) / |c| * log(1 + A / f(t))
 *
 * with tf(t, c) its count in c, |c| the number of terms in c, f(t) its count over all classes and A the
 * average number of terms per class. Rules on top, each for a defect seen on real libraries:
 *  - no stop word of any language the library's documents are written in (French "des · pour" labels);
 *  - a term counts at most 3 times per document, and must occur in 2+ documents of its cluster (one
 *    long document's pet word does not name the cluster);
 *  - no term found in more than 80% of all documents, and no term that marks (is in 30%+ of the
 *    documents of) more than half of the clusters: such a term names the library, not a cluster;
 *  - no word in two labels: each term goes to the cluster where it weighs most, so "package · commands
 *    · version" and "package · commands · latex" cannot both appear;
 *  - a two-word phrase replaces its word when the word mostly occurs in that phrase ("boundary layer"
 *    rather than "boundary").
 */
export interface TopicLabel {
  /** Distinctive terms, best first. */
  terms: string[];
  /** The terms joined for display ("boundary layer · drag · wing"). */
  label: string;
}

export interface TopicLabelOptions {
  /** Terms per label (default 3). */
  terms?: number;
  /** Terms (and their words) no label may use, e.g. the parent topic's words for sub-topics. */
  exclude?: (cluster: number) => Iterable<string>;
  /** A label for a cluster that has no usable term (default "topic N"). */
  fallback?: (cluster: number) => string;
}

const MAX_COUNT_PER_DOCUMENT = 3;
const MAX_DOCUMENT_SHARE = 0.8;
const MARK_SHARE = 0.3;
/** A phrase stands for its word when it holds at least this share of the word's occurrences. */
const PHRASE_SHARE = 0.5;
/** Candidate terms kept per cluster for the assignment. */
const CANDIDATES = 60;

interface Candidate {
  cluster: number;
  term: number;
  /** Weight relative to the cluster's best term (clusters of any size compete fairly). */
  score: number;
}

/** Labels for groups of documents (`groups[c]` holds the document ids of cluster c). */
export function labelTopics(
  index: TermIndex,
  groups: ReadonlyArray<readonly string[]>,
  options: TopicLabelOptions = {},
): TopicLabel[] {
  const wanted = options.terms ?? 3;
  const k = groups.length;
  const stop = stopWordsOfAll(new Set(index.languages.values()));
  const usable = (term: string) => term.split(' ').every((w) => w.length >= 3 && !stop.has(w));
  const classCounts: Array<Map<number, number>> = [];
  const classSpread: Array<Map<number, number>> = [];
  const totals: number[] = [];
  const members: number[] = [];
  const overall = new Map<number, number>();
  const documentsWith = new Map<number, number>();
  let documents = 0;
  for (const docIds of groups) {
    const counts = new Map<number, number>();
    const spread = new Map<number, number>();
    let total = 0;
    let size = 0;
    for (const docId of docIds) {
      const doc = index.counts.get(docId);
      if (!doc) continue;
      size++;
      for (let i = 0; i < doc.ids.length; i++) {
        const id = doc.ids[i] as number;
        const count = Math.min(doc.counts[i] as number, MAX_COUNT_PER_DOCUMENT);
        counts.set(id, (counts.get(id) ?? 0) + count);
        spread.set(id, (spread.get(id) ?? 0) + 1);
        overall.set(id, (overall.get(id) ?? 0) + count);
        documentsWith.set(id, (documentsWith.get(id) ?? 0) + 1);
        total += count;
      }
    }
    documents += size;
    classCounts.push(counts);
    classSpread.push(spread);
    totals.push(total);
    members.push(size);
  }
  const filled = Math.max(1, members.filter((m) => m > 0).length);
  const average = totals.reduce((a, b) => a + b, 0) / filled;
  // Terms that mark most clusters name the library, not a cluster.
  const marks = new Map<number, number>();
  classSpread.forEach((spread, c) => {
    for (const [id, n] of spread)
      if (n >= Math.max(1, MARK_SHARE * (members[c] as number))) marks.set(id, (marks.get(id) ?? 0) + 1);
  });
  const candidates: Candidate[] = [];
  for (let c = 0; c < k; c++) {
    const counts = classCounts[c] as Map<number, number>;
    const spread = classSpread[c] as Map<number, number>;
    const minSpread = Math.min(2, members[c] as number);
    const weight = new Map<number, number>();
    for (const [id, tf] of counts) {
      if ((spread.get(id) ?? 0) < minSpread) continue;
      if (documents >= 5 && (documentsWith.get(id) ?? 0) > MAX_DOCUMENT_SHARE * documents) continue;
      if (filled >= 3 && (marks.get(id) ?? 0) > filled / 2) continue;
      if (!usable(index.terms[id] as string)) continue;
      weight.set(
        id,
        (tf / Math.max(1, totals[c] as number)) * Math.log(1 + average / (overall.get(id) ?? 1)),
      );
    }
    preferPhrases(index, counts, weight);
    const ranked = [...weight.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, CANDIDATES);
    const top = ranked[0]?.[1] ?? 1;
    for (const [term, w] of ranked) candidates.push({ cluster: c, term, score: w / top });
  }
  return assign(index, candidates, k, wanted, options);
}

/**
 * A phrase whose words mostly occur inside it reads better than the word alone: it takes the weight
 * of its best word (and a hair more, so it wins the tie); the word itself is then blocked by the
 * phrase in assign().
 */
function preferPhrases(index: TermIndex, counts: Map<number, number>, weight: Map<number, number>): void {
  const wordId = new Map<string, number>();
  for (const id of weight.keys()) {
    const term = index.terms[id] as string;
    if (!term.includes(' ')) wordId.set(term, id);
  }
  for (const [id, w] of [...weight.entries()]) {
    const term = index.terms[id] as string;
    if (!term.includes(' ')) continue;
    const phraseCount = counts.get(id) ?? 0;
    let boost = w;
    for (const word of term.split(' ')) {
      const wid = wordId.get(word);
      if (wid === undefined) continue;
      if (phraseCount >= PHRASE_SHARE * (counts.get(wid) ?? Infinity))
        boost = Math.max(boost, (weight.get(wid) as number) * 1.001);
    }
    weight.set(id, boost);
  }
}

/** Greedy: the strongest (cluster, term) pairs first; a word serves one label only. */
function assign(
  index: TermIndex,
  candidates: Candidate[],
  k: number,
  wanted: number,
  options: TopicLabelOptions,
): TopicLabel[] {
  candidates.sort((a, b) => b.score - a.score || a.cluster - b.cluster || a.term - b.term);
  const chosen: Array<Array<{ term: string; score: number }>> = Array.from({ length: k }, () => []);
  const usedWords = new Set<string>();
  const excluded = Array.from({ length: k }, (_, c) => {
    const words = new Set<string>();
    for (const t of options.exclude?.(c) ?? []) for (const w of t.split(' ')) words.add(w);
    return words;
  });
  for (const { cluster, term, score } of candidates) {
    const list = chosen[cluster] as Array<{ term: string; score: number }>;
    if (list.length >= wanted) continue;
    const text = index.terms[term] as string;
    const words = text.split(' ');
    if (words.some((w) => usedWords.has(w) || (excluded[cluster] as Set<string>).has(w))) continue;
    list.push({ term: text, score });
    for (const w of words) usedWords.add(w);
  }
  const seen = new Set<string>();
  return chosen.map((list, c) => {
    const terms = list.sort((a, b) => b.score - a.score).map((t) => t.term);
    let label = terms.join(' · ') || (options.fallback?.(c) ?? `topic ${c + 1}`);
    // Labels are unique even when fallbacks collide.
    for (let n = 2; seen.has(label); n++)
      label = `${terms.join(' · ') || (options.fallback?.(c) ?? 'topic')} (${n})`;
    seen.add(label);
    return { terms, label };
  });
}

/**
 * Labels for clusters of texts (the map's points: documents or passages): `cluster[i]` is the
 * cluster of `texts[i]` (negative: unclustered, ignored). Same rules as labelTopics.
 */
export function labelTexts(
  texts: readonly string[],
  cluster: ArrayLike<number>,
  k: number,
  options: TopicLabelOptions = {},
): TopicLabel[] {
  const counter = new TermCounter();
  const groups: string[][] = Array.from({ length: k }, () => []);
  texts.forEach((text, i) => {
    const c = cluster[i] as number;
    if (c < 0 || c >= k) return;
    counter.add(String(i), text);
    (groups[c] as string[]).push(String(i));
  });
  return labelTopics(counter.finish(), groups, options);
}
