import { STOP_WORDS } from './stopWords';

/**
 * Cluster labels from the clusters' own text: class-based TF-IDF (c-TF-IDF, as in BERTopic). All the
 * text of a cluster is one "class document"; a term's weight in class c is
 *
 *   W(t, c) = tf(t, c) / |c| * log(1 + A / f(t))
 *
 * with tf(t, c) its frequency in c, |c| the number of terms in c, f(t) its frequency over all classes
 * and A the average number of terms per class. Terms frequent in one cluster and rare elsewhere win.
 * Two changes for document collections: a term counts at most 3 times per point (one long document
 * repeating a word should not name its whole cluster), and it must occur in at least 2 points of the
 * cluster (or in its only point), so a label describes the cluster, not one member; and terms found in
 * more than 80% of all points are dropped (scikit-learn's max_df): boilerplate every page carries
 * ("report", "continued") otherwise names clusters when there are only a few of them.
 */
export interface ClusterLabel {
  /** Distinctive terms, best first (surface forms as they appear in the text). */
  terms: string[];
  /** The terms joined for display. */
  label: string;
}

/** Terms in more than this share of all points say nothing about any one cluster. */
const MAX_POINT_SHARE = 0.8;

/** Per point and term, at most this many occurrences count. */
const MAX_COUNT_PER_POINT = 3;

const WORD = /\p{L}[\p{L}\p{M}'’-]*\p{L}|\p{L}/gu;

/** Lower-cased word tokens of 3+ letters, stop words removed. */
export function labelTerms(text: string): string[] {
  const out: string[] = [];
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const word = match[0].replace(/’/g, "'").replace(/^'+|'+$/g, '');
    if (word.length < 3 || word.length > 30 || STOP_WORDS.has(word)) continue;
    if (word.endsWith("'s") && STOP_WORDS.has(word.slice(0, -2))) continue;
    out.push(word);
  }
  return out;
}

/** Folds simple English plurals together ("wings" and "wing" are one term). */
function termKey(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (
    word.length > 3 &&
    word.endsWith('s') &&
    !word.endsWith('ss') &&
    !word.endsWith('us') &&
    !word.endsWith('is')
  )
    return word.slice(0, -1);
  return word;
}

export interface LabelOptions {
  /** Terms per label (default 3). */
  terms?: number;
}

/**
 * Labels for clusters 0..k-1 from the points' texts (`cluster[i]` is the cluster of `texts[i]`;
 * negative means unclustered and is ignored).
 */
export function labelClusters(
  texts: readonly string[],
  cluster: ArrayLike<number>,
  k: number,
  options: LabelOptions = {},
): ClusterLabel[] {
  const termsWanted = options.terms ?? 3;
  const counts: Array<Map<string, number>> = Array.from({ length: k }, () => new Map());
  const spread: Array<Map<string, number>> = Array.from({ length: k }, () => new Map());
  const totals = new Float64Array(k);
  const sizes = new Int32Array(k);
  const overall = new Map<string, number>();
  const pointsWith = new Map<string, number>();
  let labelled = 0;
  const surfaces = new Map<string, Map<string, number>>();
  texts.forEach((text, i) => {
    const c = cluster[i] as number;
    if (c < 0 || c >= k) return;
    sizes[c] = (sizes[c] as number) + 1;
    labelled++;
    const perPoint = new Map<string, number>();
    for (const word of labelTerms(text)) {
      const key = termKey(word);
      perPoint.set(key, (perPoint.get(key) ?? 0) + 1);
      let forms = surfaces.get(key);
      if (!forms) surfaces.set(key, (forms = new Map()));
      forms.set(word, (forms.get(word) ?? 0) + 1);
    }
    for (const [key, raw] of perPoint) {
      const count = Math.min(raw, MAX_COUNT_PER_POINT);
      const classCounts = counts[c] as Map<string, number>;
      classCounts.set(key, (classCounts.get(key) ?? 0) + count);
      const classSpread = spread[c] as Map<string, number>;
      classSpread.set(key, (classSpread.get(key) ?? 0) + 1);
      overall.set(key, (overall.get(key) ?? 0) + count);
      pointsWith.set(key, (pointsWith.get(key) ?? 0) + 1);
      totals[c] = (totals[c] as number) + count;
    }
  });
  const classes = Math.max(1, Array.from(sizes).filter((s) => s > 0).length);
  const average = Array.from(totals).reduce((a, b) => a + b, 0) / classes;
  const surfaceOf = (key: string) =>
    [...(surfaces.get(key) ?? new Map<string, number>([[key, 1]])).entries()].sort(
      (a, b) => b[1] - a[1],
    )[0]?.[0] ?? key;
  return counts.map((classCounts, c) => {
    const minSpread = Math.min(2, sizes[c] as number);
    const scored: Array<[string, number]> = [];
    for (const [key, tf] of classCounts) {
      if (((spread[c] as Map<string, number>).get(key) ?? 0) < minSpread) continue;
      if (labelled >= 5 && (pointsWith.get(key) ?? 0) > MAX_POINT_SHARE * labelled) continue;
      const weight =
        (tf / Math.max(1, totals[c] as number)) * Math.log(1 + average / (overall.get(key) ?? 1));
      scored.push([key, weight]);
    }
    scored.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const terms = scored.slice(0, termsWanted).map(([key]) => surfaceOf(key));
    return { terms, label: terms.join(' · ') };
  });
}
