import type { Table } from '@lancedb/lancedb';
import { chunkStems, STEMS_COLUMN, STEMS_FILLED_KEY, stemLanguageOf } from './chunkStems';
import { fillChunkColumn } from './fillChunkColumn';
import { sqlInList } from './filterSql';

/**
 * Brings a library written before schema version 3 to it: adds the `stems` column (chunkStems.ts) as ''
 * for every chunk, which is already right for English documents, then rewrites the stems of the
 * documents written in another language, a merge-insert of just `id` and `stems` per batch of about
 * 2,000 chunks (fillChunkColumn.ts: idempotent, safe to interrupt). Runs after the fields migration.
 * Readers search without stems until the record and the index exist (LibraryTables.stemsReady).
 */
export function migrateChunkStems(meta: Table, documents: Table, chunks: Table): Promise<boolean> {
  return fillChunkColumn(
    { meta, documents, chunks },
    {
      filledKey: STEMS_FILLED_KEY,
      column: STEMS_COLUMN,
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
          .select(['id', 'docId', 'ordinal', 'text'])
          .toArray()) as Array<{ id: string; docId: string; ordinal: number; text: string }>;
        const byDoc = new Map<string, typeof rows>();
        for (const r of rows) {
          const list = byDoc.get(String(r.docId));
          if (list) list.push(r);
          else byDoc.set(String(r.docId), [r]);
        }
        const batch: Array<{ id: string; stems: string }> = [];
        for (const docRows of byDoc.values()) {
          docRows.sort((a, b) => Number(a.ordinal) - Number(b.ordinal));
          const language = stemLanguageOf(docRows.map((r) => String(r.text)));
          if (language === null) continue;
          for (const r of docRows)
            batch.push({ id: String(r.id), stems: await chunkStems(String(r.text), language) });
        }
        if (batch.length > 0) await chunks.mergeInsert('id').whenMatchedUpdateAll().execute(batch);
      },
    },
  );
}
