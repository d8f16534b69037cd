import type { Table } from '@lancedb/lancedb';
import { DOC_TEXT_COLUMN, DOC_TEXT_FILLED_KEY, documentText, hasDocTextColumn } from './documentText';
import { sqlInList } from './filterSql';
import { readMeta, writeMeta } from './libraryTables';

/** Chunk rows read per batch while filling the column in. */
const BATCH_CHUNKS = 2000;

/**
 * Brings a library written before schema version 5 to it: adds the `docText` column (documentText.ts)
 * as '' for every chunk, then writes each document's text on its first chunk, a merge-insert of just
 * `id` and `docText` per batch of documents. Runs when a writer opens the library (after the earlier
 * migrations); idempotent, and a crash part-way runs it again (the meta record is written last). Readers
 * score documents by their chunks alone until the record and the index exist (LibraryTables.docTextReady).
 */
export async function migrateDocumentText(meta: Table, documents: Table, chunks: Table): Promise<boolean> {
  if ((await readMeta(meta, DOC_TEXT_FILLED_KEY)) === '1') return false;
  if (!(await hasDocTextColumn(chunks)))
    await chunks.addColumns([{ name: DOC_TEXT_COLUMN, valueSql: "CAST('' AS STRING)" }]);
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
      .select(['id', 'docId', 'generation', 'ordinal', 'page', 'charStart', 'charEnd', 'text'])
      .toArray()) as Array<{
      id: string;
      docId: string;
      generation: string;
      ordinal: number;
      page: number | null;
      charStart: number;
      charEnd: number;
      text: string;
    }>;
    group = [];
    size = 0;
    // One text per document version (a replaced generation awaiting clean-up gets its own).
    const byVersion = new Map<string, typeof rows>();
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
  };
  for (const d of docs) {
    group.push(String(d.id));
    size += Number(d.chunkCount) || 0;
    if (size >= BATCH_CHUNKS) await flush();
  }
  await flush();
  await writeMeta(meta, DOC_TEXT_FILLED_KEY, '1');
  return true;
}
