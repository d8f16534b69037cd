import { createHash } from 'node:crypto';
import type { ChunkInput, ChunkRecord, DocumentInput } from './storeTypes';

/**
 * Ids are derived from content, never counted: a retried write produces the same ids and merges onto
 * the rows it already wrote, and two processes can never hand out the same key to different chunks.
 */

/** Stable document id for an absolute path (the path itself can be long and contain anything). */
export function documentIdForPath(absolutePath: string): string {
  return createHash('sha256').update(absolutePath).digest('hex').slice(0, 24);
}

/**
 * Generation of a document version: a hash of everything its chunk rows hold. Unchanged content
 * re-ingested gets the same generation (an idempotent rewrite); changed content gets a new one, so its
 * chunks can be written beside the old ones and swapped in by the document row.
 */
export function generationFor(
  doc: Pick<DocumentInput, 'id' | 'source' | 'kind' | 'path'> & { title?: string },
  chunks: readonly ChunkInput[],
  chunkContext = 'none',
): string {
  const hash = createHash('sha256');
  // The title is part of what chunk rows hold (their `fields`) and of what their vectors embed.
  const identity = [doc.id, doc.source, doc.kind, doc.path];
  hash.update(JSON.stringify(doc.title === undefined ? identity : [...identity, doc.title]));
  for (const c of chunks) {
    hash.update('\u0000');
    hash.update(JSON.stringify([c.ordinal, c.page, c.charStart, c.charEnd, c.headingPath, c.text]));
  }
  const digest = hash.digest('hex').slice(0, 20);
  // What the vectors embed (ingest/embeddedText.ts) is part of the version too, written out so a
  // document row says which recipe its vectors follow (contextOfGeneration). `none` adds nothing:
  // generations written before the setting existed stay what they were.
  return chunkContext === 'none' ? digest : `${digest}-${chunkContext}`;
}

/** The chunk context a generation was written with (generationFor). */
export function contextOfGeneration(generation: string): string {
  const match = /^[0-9a-f]{20}-(.+)$/.exec(generation);
  return match ? (match[1] as string) : 'none';
}

export function chunkIdFor(generation: string, ordinal: number): string {
  return `${generation}.${ordinal}`;
}

const KEY_MASK = (1n << 63n) - 1n;

/**
 * The chunk's key in vector indexes: 63 bits of sha256(chunk id), so it fits LanceDB's int64 and is
 * never USearch's reserved all-ones key. Collision odds at a million chunks are about 1 in 10^7.
 */
export function chunkKeyFor(chunkId: string): bigint {
  const digest = createHash('sha256').update(chunkId).digest();
  return digest.readBigUInt64BE(0) & KEY_MASK;
}

/** The rows a document version's chunks are stored as (chunks in ordinal order). */
export function chunkRecordsFor(
  doc: Pick<DocumentInput, 'id' | 'source' | 'kind' | 'path'> & { title?: string },
  chunks: readonly ChunkInput[],
  chunkContext = 'none',
): { generation: string; records: ChunkRecord[] } {
  const generation = generationFor(doc, chunks, chunkContext);
  const records = chunks.map((chunk): ChunkRecord => {
    const id = chunkIdFor(generation, chunk.ordinal);
    return {
      id,
      docId: doc.id,
      generation,
      key: chunkKeyFor(id),
      ordinal: chunk.ordinal,
      page: chunk.page,
      charStart: chunk.charStart,
      charEnd: chunk.charEnd,
      headingPath: [...chunk.headingPath],
      text: chunk.text,
      source: doc.source,
      kind: doc.kind,
      path: doc.path,
    };
  });
  return { generation, records };
}
