/**
 * Text overlap between two documents, the check that turns "vectors say these look alike" into "these
 * are copies". Mean-pooled vectors of distinct documents on one topic can be as close as those of a
 * real copy (FINDINGS.md: distinct max 0.965, true min 0.962 raw), but distinct documents share few
 * three-word phrases while copies share most of theirs, even through OCR noise or a dropped page.
 *
 * Texts are compared as sets of hashed word 3-shingles (lower-cased, accents folded, punctuation
 * dropped): `containment` is the share of the smaller document's shingles found in the other, so a
 * copy with a page dropped still scores near 1. Per page (or per passage when the document has no
 * pages) the same measure says where the copies differ, and the best matching passage pair is where
 * "open both" goes.
 */

export interface PassageText {
  chunkId: string;
  /** 1-based page, null for documents without pages. */
  page: number | null;
  charStart: number;
  charEnd: number;
  text: string;
}

interface PassagePrint extends PassageText {
  shingles: Uint32Array;
}

export interface TextFingerprint {
  shingles: Set<number>;
  passages: PassagePrint[];
}

/** A part of one document whose text is (almost) not in the other. */
export interface MissingPart {
  page: number | null;
  /** The first words of the part, to recognise it. */
  snippet: string;
}

export interface OverlapReport {
  /** Shared shingles / shingles of the smaller document (0..1). */
  containment: number;
  /** Shared shingles / all distinct shingles (0..1). */
  jaccard: number;
  /** Pages (or passages, page null) of A whose text is not in B, and the reverse (at most MAX_PARTS each). */
  onlyInA: MissingPart[];
  onlyInB: MissingPart[];
  /** The most similar passage pair (indices into each fingerprint's passages), null without overlap. */
  match: { a: number; b: number } | null;
}

const SHINGLE = 3;
/** A page or passage is "only in" its document when less than this share of it is in the other. */
const MISSING_BELOW = 0.3;
/** Parts with fewer shingles than this are too short to call missing (headers, page numbers). */
const MIN_PART_SHINGLES = 12;
const MAX_PARTS = 20;

/** Lower-cased words without accents and punctuation. */
export function words(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Hashed word 3-shingles of a text (a text shorter than three words gives its words joined). */
export function shingles(text: string): Uint32Array {
  const w = words(text);
  if (w.length === 0) return new Uint32Array(0);
  if (w.length < SHINGLE) return Uint32Array.of(fnv1a(w.join(' ')));
  const out = new Uint32Array(w.length - SHINGLE + 1);
  for (let i = 0; i + SHINGLE <= w.length; i++) out[i] = fnv1a(`${w[i]} ${w[i + 1]} ${w[i + 2]}`);
  return out;
}

/** The shingle sets of a document, whole and per passage. */
export function fingerprintText(passages: readonly PassageText[]): TextFingerprint {
  const all = new Set<number>();
  const prints = passages.map((p) => {
    const s = shingles(p.text);
    for (const h of s) all.add(h);
    return { ...p, shingles: s };
  });
  return { shingles: all, passages: prints };
}

function coverage(part: Iterable<number>, other: Set<number>): { shared: number; total: number } {
  const seen = new Set<number>();
  let shared = 0;
  for (const h of part) {
    if (seen.has(h)) continue;
    seen.add(h);
    if (other.has(h)) shared++;
  }
  return { shared, total: seen.size };
}

/** Pages (or, without pages, passages) of `a` whose text is mostly absent from `b`. */
function missingParts(a: TextFingerprint, b: TextFingerprint): MissingPart[] {
  const paged = a.passages.some((p) => p.page !== null);
  const parts = new Map<string, { page: number | null; shingles: number[]; text: string }>();
  a.passages.forEach((p, i) => {
    const key = paged ? `p${p.page ?? 0}` : `c${i}`;
    const part = parts.get(key) ?? { page: p.page, shingles: [], text: p.text };
    for (const h of p.shingles) part.shingles.push(h);
    parts.set(key, part);
  });
  const out: MissingPart[] = [];
  for (const part of parts.values()) {
    const { shared, total } = coverage(part.shingles, b.shingles);
    if (total >= MIN_PART_SHINGLES && shared / total < MISSING_BELOW) {
      out.push({
        page: paged ? part.page : null,
        snippet: part.text.trim().replace(/\s+/g, ' ').slice(0, 120),
      });
      if (out.length >= MAX_PARTS) break;
    }
  }
  return out;
}

/** The passage of `a` best covered by `b` (longest well-covered), then its best partner in `b`. */
function bestMatch(a: TextFingerprint, b: TextFingerprint): { a: number; b: number } | null {
  let bestA = -1;
  let bestScore = 0;
  a.passages.forEach((p, i) => {
    const { shared, total } = coverage(p.shingles, b.shingles);
    // Coverage counts most; length breaks ties so a heading-only passage does not win.
    const score = total === 0 ? 0 : (shared / total) * Math.min(1, total / 40);
    if (score > bestScore) [bestA, bestScore] = [i, score];
  });
  if (bestA < 0) return null;
  const target = new Set(a.passages[bestA]!.shingles);
  let bestB = -1;
  let shared = 0;
  b.passages.forEach((p, j) => {
    const { shared: s } = coverage(p.shingles, target);
    if (s > shared) [bestB, shared] = [j, s];
  });
  return bestB < 0 ? null : { a: bestA, b: bestB };
}

/** How much text two documents share, where they differ and where they match best. */
export function compareTexts(a: TextFingerprint, b: TextFingerprint): OverlapReport {
  const [small, large] = a.shingles.size <= b.shingles.size ? [a, b] : [b, a];
  let shared = 0;
  for (const h of small.shingles) if (large.shingles.has(h)) shared++;
  const union = a.shingles.size + b.shingles.size - shared;
  return {
    containment: small.shingles.size === 0 ? 0 : shared / small.shingles.size,
    jaccard: union === 0 ? 0 : shared / union,
    onlyInA: missingParts(a, b),
    onlyInB: missingParts(b, a),
    match: shared === 0 ? null : bestMatch(a, b),
  };
}
