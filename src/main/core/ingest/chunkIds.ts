/**
 * Deterministic chunk identifiers from (document id, ordinal): re-chunking the same text with the same
 * options yields the same ids, and an id can be turned back into its parts. (The store also derives ids
 * from a content generation, `store/chunkIdentity.ts`; this is the plain form for callers that key by
 * document.)
 */

/** Ordinals are zero-padded to this width so ids sort in document order as plain strings. */
const ORDINAL_WIDTH = 6;

/** `<documentId>:<ordinal, zero-padded to 6>`, e.g. `3f2a9c0d11b4e8a7:000042`. */
export function chunkId(documentId: string, ordinal: number): string {
  if (!Number.isInteger(ordinal) || ordinal < 0) throw new RangeError(`invalid chunk ordinal ${ordinal}`);
  if (documentId.length === 0 || documentId.includes(':')) {
    throw new RangeError(`document id must be non-empty and free of ':' (got ${JSON.stringify(documentId)})`);
  }
  return `${documentId}:${String(ordinal).padStart(ORDINAL_WIDTH, '0')}`;
}

/** Inverse of `chunkId`; undefined for strings that are not chunk ids. */
export function parseChunkId(id: string): { documentId: string; ordinal: number } | undefined {
  const m = /^([^:]+):(\d+)$/.exec(id);
  if (!m) return undefined;
  return { documentId: m[1]!, ordinal: Number(m[2]) };
}
