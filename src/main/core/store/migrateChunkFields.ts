import type { Table } from '@lancedb/lancedb';
import { readChunks } from './chunkQueries';
import { chunkFields, FIELDS_COLUMN, FIELDS_FILLED_KEY } from './chunkFields';
import { fillChunkColumn } from './fillChunkColumn';
import { sqlInList } from './filterSql';
import { toChunkRow } from './rowConversion';

/**
 * Brings a version-1 library's chunks to version 2: adds the `fields` column (chunkFields.ts) and fills
 * it from each document's title and path and each chunk's heading path, 4,000 chunk rows per
 * merge-insert (fillChunkColumn.ts: idempotent, safe to interrupt). Readers of a library not filled in
 * yet search `text` alone (LibraryTables.fieldsReady).
 *
 * PDF bookmarks reach heading paths only when a document is read again (re-ingest), not here.
 */
export function migrateChunkFields(meta: Table, documents: Table, chunks: Table): Promise<boolean> {
  return fillChunkColumn<{ id: string; chunkCount: number; title: string }>(
    { meta, documents, chunks },
    {
      filledKey: FIELDS_FILLED_KEY,
      column: FIELDS_COLUMN,
      documentColumns: ['title'],
      batchChunks: 4000,
      fillBatch: async (docs) => {
        const titles = new Map(docs.map((d) => [String(d.id), String(d.title)]));
        const rows = await readChunks(chunks, sqlInList('docId', titles.keys()));
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
      },
    },
  );
}
