/**
 * OCR quality measures for bench/ocr.ts: character error rate and word recall against a ground truth,
 * after normalising what is not an OCR error (layout whitespace, typographic quotes and dashes,
 * ligatures, words hyphenated across lines).
 */

/** NFKC (ligatures), straight quotes, one space for any whitespace run, line-end hyphens joined. */
export function normalizeForCer(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201a\u201b\u2032`]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/(\w)-\s*\n\s*(\w)/g, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Levenshtein distance with two rows (O(n*m) time, O(m) memory). */
export function editDistance(a: string, b: string): number {
  if (a.length < b.length) [a, b] = [b, a];
  let prev = new Uint32Array(b.length + 1).map((_, i) => i);
  let cur = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/** Character error rate: edits to turn the OCR text into the truth, per truth character. */
export function cer(ocr: string, truth: string): number {
  const t = normalizeForCer(truth);
  return editDistance(normalizeForCer(ocr), t) / Math.max(1, t.length);
}

function words(text: string): string[] {
  return normalizeForCer(text)
    .toLowerCase()
    .split(' ')
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter(Boolean);
}

/** Share of the truth's words (as a multiset) that the OCR text contains. */
export function wordRecall(ocr: string, truth: string): number {
  const have = new Map<string, number>();
  for (const w of words(ocr)) have.set(w, (have.get(w) ?? 0) + 1);
  const want = words(truth);
  let found = 0;
  for (const w of want) {
    const n = have.get(w) ?? 0;
    if (n > 0) {
      found++;
      have.set(w, n - 1);
    }
  }
  return found / Math.max(1, want.length);
}
