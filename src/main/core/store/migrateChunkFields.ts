import type { Table } from '@lancedb/lancedb';
import { readChunks } from './chunkQueries';
import { chunkFields, FIELDS_COLUMN, FIELDS_FILLED_KEY, hasFieldsColumn } from './chunkFields';
import { sqlInList } from './filterSql';
import { readMeta, writeMeta } from './libraryTables';
import { toChunkRow } from './rowConversion';

/** Chunk rows rewritten per merge-insert while filling the column in. */
const BATCH_CHUNKS = 4000;

/**
 * Brings a version-1 library's chunks to version 2: adds the `fields` column (chunkFields.ts) and fills
 * it from each document's title and path and each chunk's heading path. Runs when a writer opens the
 * library; idempotent, and a crash part-way simply runs it again (the meta record is written last).
 * Readers of a library not filled in yet search `text` alone (LibraryTables.fieldsReady).
 *
 * PDF bookmarks reach heading paths only when a document is read again (re-ingest), not here.
 */
export async function migrateChunkFields(meta: Table, documents: Table, chunks: Table): Promise<boolean> {
  if ((await readMeta(meta, FIELDS_FILLED_KEY)) === '1') return false;
  if (!(await hasFieldsColumn(chunks)))
    await chunks.addColumns([{ name: FIELDS_COLUMN, valueSql: "CAST('' AS STRING)" }]);
  const docs = (await documents.query().select(['id', 'title', 'chunkCount']).toArray()) as Array<{
    id: string;
    title: string;
    chunkCount: number;
  }>;
  const titles = new Map(docs.map((d) => [d.id, String(d.title)]));
  let group: string[] = [];
  let size = 0;
  const flush = async () => {
    if (group.length === 0) return;
    const rows = await readChunks(chunks, sqlInList('docId', group));
    group = [];
    size = 0;
    if (rows.length === 0) return;
    await chunks
      .mergeInsert('id')
      .whenMatchedUpdateAll()
      .execute(
        rows.map((c) => ({
          ...toChunkRow(c),
          [FIELDS_COLUMN]: chunkFields(titles.get(c.docId) ?? '', c.path, c.headingPath),
        })),
      );
  };
  for (const d of docs) {
    group.push(d.id);
    size += Number(d.chunkCount) || 0;
    if (size >= BATCH_CHUNKS) await flush();
  }
  await flush();
  await writeMeta(meta, FIELDS_FILLED_KEY, '1');
  return true;
}
