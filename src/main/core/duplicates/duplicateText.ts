import type { PassageRef } from '../../../shared/api/methods/documents';
import {
  compareTexts,
  fingerprintText,
  type MissingPart,
  type PassageText,
  type TextFingerprint,
} from './textOverlap';
import { workerStore } from '../similarity/workerStores';

/** Where a pair of copies matches best: one passage in each. */
export interface PassagePair {
  a: PassageRef;
  b: PassageRef;
}

export interface PairOverlap {
  containment: number;
  jaccard: number;
  onlyInA: MissingPart[];
  onlyInB: MissingPart[];
  match: PassagePair | null;
}

/** Fingerprints kept across calls, per document generation (a re-indexed document gets a new one). */
const CACHE_LIMIT = 2000;
const fingerprints = new Map<string, TextFingerprint>();

async function fingerprintOf(libraryDir: string, docId: string): Promise<TextFingerprint> {
  const store = await workerStore(libraryDir);
  const doc = await store.getDocument(docId);
  const key = `${libraryDir}\n${docId}\n${doc?.generation ?? ''}`;
  const cached = fingerprints.get(key);
  if (cached) return cached;
  const chunks = await store.getChunks(docId);
  const print = fingerprintText(
    chunks.map((c) => ({
      chunkId: c.id,
      page: c.page,
      charStart: c.charStart,
      charEnd: c.charEnd,
      text: c.text,
    })),
  );
  if (fingerprints.size >= CACHE_LIMIT) fingerprints.delete(fingerprints.keys().next().value as string);
  fingerprints.set(key, print);
  return print;
}

/**
 * Text overlap of candidate pairs of documents (docIds), read in the similarity worker through the
 * store: how much text they share, what is only in one, and the best matching passages.
 */
export async function pairOverlaps(
  libraryDir: string,
  pairs: ReadonlyArray<readonly [string, string]>,
): Promise<PairOverlap[]> {
  const out: PairOverlap[] = [];
  for (const [a, b] of pairs) {
    const fa = await fingerprintOf(libraryDir, a);
    const fb = await fingerprintOf(libraryDir, b);
    const report = compareTexts(fa, fb);
    const pa = report.match ? fa.passages[report.match.a] : undefined;
    const pb = report.match ? fb.passages[report.match.b] : undefined;
    out.push({
      containment: report.containment,
      jaccard: report.jaccard,
      onlyInA: report.onlyInA,
      onlyInB: report.onlyInB,
      match: pa && pb ? { a: passageRef(pa), b: passageRef(pb) } : null,
    });
  }
  return out;
}

function passageRef(p: PassageText): PassageRef {
  return { chunkId: p.chunkId, page: p.page, charStart: p.charStart, charEnd: p.charEnd, text: p.text };
}
