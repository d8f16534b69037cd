/**
 * A document's matching chunks as passages a reader scans once: chunks on the same page of a paged
 * document (PDF) become one passage, and so do neighbouring chunks (consecutive ordinals, which
 * overlap by a sentence) of any document. Without it one page of one manual could fill a result's
 * whole passage list with near-repeats.
 */

export interface PassageChunk {
  id: string;
  score: number;
  page: number | null;
  ordinal: number;
}

export interface MergedPassage<T extends PassageChunk> {
  /** The passage's chunks, best first; the first one gives the passage its snippet and score. */
  chunks: T[];
  page: number | null;
  score: number;
}

/**
 * Merges a document's chunks (best first) into passages, best first. `paged` says whether page
 * numbers are real pages (a PDF with several pages); otherwise only neighbouring chunks merge.
 */
export function mergePassages<T extends PassageChunk>(
  chunks: readonly T[],
  paged: boolean,
): Array<MergedPassage<T>> {
  const passages: Array<MergedPassage<T> & { ordinals: Set<number> }> = [];
  for (const chunk of chunks) {
    const home = passages.find(
      (p) =>
        (paged && chunk.page !== null && p.page === chunk.page) ||
        (p.page === chunk.page && (p.ordinals.has(chunk.ordinal - 1) || p.ordinals.has(chunk.ordinal + 1))),
    );
    if (home) {
      home.chunks.push(chunk);
      home.ordinals.add(chunk.ordinal);
    } else {
      passages.push({
        chunks: [chunk],
        page: chunk.page,
        score: chunk.score,
        ordinals: new Set([chunk.ordinal]),
      });
    }
  }
  return passages.map(({ chunks: c, page, score }) => ({ chunks: c, page, score }));
}
