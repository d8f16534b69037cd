import type { Table } from '@lancedb/lancedb';
import { chunkStems, hasStemsColumn, STEMS_COLUMN, STEMS_FILLED_KEY, stemLanguageOf } from './chunkStems';
import { sqlInList } from './filterSql';
import { readMeta, writeMeta } from './libraryTables';

/** Chunk rows rewritten per merge-insert while filling the column in. */
const BATCH_CHUNKS = 2000;

/**
 * Brings a library written before schema version 3 to it: adds the `stems` column (chunkStems.ts) as ''
 * for every chunk, which is already right for English documents, then rewrites the stems of the
 * documents written in another language, a merge-insert of just `id` and `stems` per batch. Runs when
 * a writer opens the library (after the fields migration); idempotent, and a crash part-way runs it
 * again (the meta record is written last). Readers search without stems until the record and the
 * index exist (LibraryTables.stemsReady).
 */
export async function migrateChunkStems(meta: Table, documents: Table, chunks: Table): Promise<boolean> {
  if ((await readMeta(meta, STEMS_FILLED_KEY)) === '1') return false;
  if (!(await hasStemsColumn(chunks)))
    await chunks.addColumns([{ name: STEMS_COLUMN, valueSql: "CAST('' AS STRING)" }]);
  const docs = (await documents.query().select(['id', 'chunkCount']).toArray()) as Array<{
    id: string;
    chunkCount: number;
  }>;
  let group: string[] = [];
  let size = 0;
  const flush = async () => {
    if (group.length === 0) return;
    const rows = (await chunks
      .query()
      .where(sqlInList('docId', group))
      .select(['id', 'docId', 'ordinal', 'text'])
      .toArray()) as Array<{ id: string; docId: string; ordinal: number; text: string }>;
    group = [];
    size = 0;
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
  };
  for (const d of docs) {
    group.push(String(d.id));
    size += Number(d.chunkCount) || 0;
    if (size >= BATCH_CHUNKS) await flush();
  }
  await flush();
  await writeMeta(meta, STEMS_FILLED_KEY, '1');
  return true;
}
