import type { Table } from '@lancedb/lancedb';

/** The columns schema version 3 added to the documents table (DocumentInput.docDate, dateSource). */
export const DATE_COLUMNS = ['docDate', 'dateSource'] as const;

/**
 * Brings an older library's documents table to version 3: adds the nullable `docDate` and
 * `dateSource` columns, both null. One `addColumns` call is one LanceDB commit, so an interrupted
 * migration left either no new column or both, and the next writer simply runs it again. The values
 * are not filled here (that needs each file's metadata): the next sync reads them for documents that
 * have none (ingestFiles.ts), and until then every user of the date takes the file's mtime and says so.
 */
export async function migrateDocumentDates(documents: Table): Promise<boolean> {
  const names = new Set((await documents.schema()).fields.map((f) => f.name));
  if (DATE_COLUMNS.every((c) => names.has(c))) return false;
  await documents.addColumns(
    [
      { name: 'docDate', valueSql: 'CAST(NULL AS DOUBLE)' },
      { name: 'dateSource', valueSql: 'CAST(NULL AS STRING)' },
    ].filter((c) => !names.has(c.name)),
  );
  return true;
}
