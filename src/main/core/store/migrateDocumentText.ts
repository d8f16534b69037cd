import type { Table } from '@lancedb/lancedb';
import { DOC_TEXT_COLUMN, DOC_TEXT_FILLED_KEY, documentText } from './documentText';
import { fillChunkColumn } from './fillChunkColumn';
import { sqlInList } from './filterSql';

interface TextRow {
  id: string;
  docId: string;
  generation: string;
  ordinal: number;
  page: number | null;
  charStart: number;
  charEnd: number;
  text: string;
}

/**
 * Brings a library written before schema version 5 to it: adds the `docText` column (documentText.ts)
 * as '' for every chunk, then writes each document's text on its first chunk, a merge-insert of just
 * `id` and `docText` per batch of about 2,000 chunks (fillChunkColumn.ts: idempotent, safe to
 * interrupt). Runs after the earlier migrations. Readers score documents by their chunks alone until
 * the record and the index exist (LibraryTables.docTextReady).
 */
export function migrateDocumentText(meta: Table, documents: Table, chunks: Table): Promise<boolean> {
  return fillChunkColumn(
    { meta, documents, chunks },
    {
      filledKey: DOC_TEXT_FILLED_KEY,
      column: DOC_TEXT_COLUMN,
      batchChunks: 2000,
      fillBatch: async (docs) => {
        const rows = (await chunks
          .query()
          .where(
            sqlInList(
              'docId',
              docs.map((d) => String(d.id)),
            ),
          )
          .select(['id', 'docId', 'generation', 'ordinal', 'page', 'charStart', 'charEnd', 'text'])
          .toArray()) as TextRow[];
        // One text per document version (a replaced generation awaiting clean-up gets its own).
        const byVersion = new Map<string, TextRow[]>();
        for (const r of rows) {
          const key = `${r.docId}\u0000${r.generation}`;
          const list = byVersion.get(key);
          if (list) list.push(r);
          else byVersion.set(key, [r]);
        }
        const batch: Array<{ id: string; docText: string }> = [];
        for (const version of byVersion.values()) {
          version.sort((a, b) => Number(a.ordinal) - Number(b.ordinal));
          const spans = version.map((r) => ({
            page: r.page === null || r.page === undefined ? null : Number(r.page),
            charStart: Number(r.charStart),
            charEnd: Number(r.charEnd),
            text: String(r.text),
          }));
          batch.push({ id: String(version[0]!.id), docText: documentText(spans) });
        }
        if (batch.length > 0) await chunks.mergeInsert('id').whenMatchedUpdateAll().execute(batch);
      },
    },
  );
}
