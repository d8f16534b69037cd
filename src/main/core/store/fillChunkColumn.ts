import type { Table } from '@lancedb/lancedb';
import { readMeta, writeMeta } from './libraryTables';

/** Whether `table` has a column called `name`. */
export async function hasColumn(table: Table, name: string): Promise<boolean> {
  return (await table.schema()).fields.some((f) => f.name === name);
}

/** One migration that adds a string column to the chunks and fills it in, document by document. */
export interface ChunkColumnFill<D extends { id: string; chunkCount: number }> {
  /** The meta key recording that every document is filled in; written last. */
  filledKey: string;
  /** The column, added as '' for every chunk when the table lacks it. */
  column: string;
  /** Document columns `fillBatch` needs besides `id` and `chunkCount`. */
  documentColumns?: readonly string[];
  /** Documents are handed over in groups of about this many chunks (one read and one merge-insert each). */
  batchChunks: number;
  /** Reads the chunks of these documents and writes their column. */
  fillBatch(docs: readonly D[]): Promise<void>;
}

/**
 * The frame the chunk-column migrations share (fields, stems, docText): skip a library already filled
 * in, add the column, hand the documents over in batches of about `batchChunks` chunks, then write the
 * meta record. Runs when a writer opens the library; idempotent, and a crash part-way runs it again
 * (the record is written last, and readers use the column only once it is there).
 */
export async function fillChunkColumn<D extends { id: string; chunkCount: number }>(
  tables: { meta: Table; documents: Table; chunks: Table },
  fill: ChunkColumnFill<D>,
): Promise<boolean> {
  const { meta, documents, chunks } = tables;
  if ((await readMeta(meta, fill.filledKey)) === '1') return false;
  if (!(await hasColumn(chunks, fill.column)))
    await chunks.addColumns([{ name: fill.column, valueSql: "CAST('' AS STRING)" }]);
  const docs = (await documents
    .query()
    .select(['id', 'chunkCount', ...(fill.documentColumns ?? [])])
    .toArray()) as D[];
  let group: D[] = [];
  let size = 0;
  for (const d of docs) {
    group.push(d);
    size += Number(d.chunkCount) || 0;
    if (size >= fill.batchChunks) {
      await fill.fillBatch(group);
      group = [];
      size = 0;
    }
  }
  if (group.length > 0) await fill.fillBatch(group);
  await writeMeta(meta, fill.filledKey, '1');
  return true;
}
