import type { Connection, Table } from '@lancedb/lancedb';
import type { TableHealth } from '../../../shared/api/methods/library';
import { describeDamage, isDamageError } from './libraryDamage';
import { listManifests } from './tableVersions';

/**
 * Reads one LanceDB table the way a damaged file would be noticed. A full check reads every column of
 * every row (a truncated or missing data file fails here, not at open: opening reads only the
 * manifest) and tries every older version's manifest. A quick check reads one column: Lance keeps a
 * data file's footer at its end, so a truncated or missing file already fails on the smallest column.
 * Both load every LanceDB index of the table (100k chunks: ~70 ms).
 */
export async function checkTable(
  db: Connection,
  lanceDir: string,
  name: string,
  full: boolean,
): Promise<TableHealth> {
  const health: TableHealth = {
    table: name,
    version: null,
    rows: null,
    problem: null,
    unreadableVersions: [],
    unreadableIndexes: [],
  };
  const manifests = listManifests(lanceDir, name);
  if (manifests.length === 0) {
    health.problem = 'the table has no version manifest';
    return health;
  }
  let table;
  try {
    table = await db.openTable(name);
  } catch (err) {
    health.problem = `cannot open: ${describeDamage(err, name)} (newest version ${manifests[0]!.version})`;
    return health;
  }
  try {
    health.version = await table.version();
    const expected = await table.countRows();
    const rows = full ? await readEveryRow(table) : await readFirstColumn(table);
    health.rows = rows;
    if (rows !== expected) health.problem = `read ${rows} rows, the manifest counts ${expected}`;
  } catch (err) {
    health.problem = describeDamage(err, name);
  }
  if (full) {
    for (const { version } of manifests) {
      if (version === health.version) continue;
      try {
        await table.checkout(version);
      } catch {
        health.unreadableVersions.push(version);
      }
    }
    if (health.unreadableVersions.length > 0 && !health.problem)
      health.problem = `the manifest of version ${health.unreadableVersions.join(', ')} is unreadable`;
    await table.checkoutLatest();
  }
  // The quick check too: keyword search would fail on these while status said all is well.
  if (!health.problem) {
    health.unreadableIndexes = await unreadableIndexes(table);
    if (health.unreadableIndexes.length > 0)
      health.problem = `index ${health.unreadableIndexes.join(', ')} is unreadable`;
  }
  table.close();
  return health;
}

/** Reads every column of every row of the checked-out version; returns the row count. */
export async function readEveryRow(table: Table): Promise<number> {
  let rows = 0;
  for await (const batch of table.query()) rows += batch.numRows;
  return rows;
}

async function readFirstColumn(table: Table): Promise<number> {
  const first = (await table.schema()).fields[0]?.name;
  let rows = 0;
  for await (const batch of first ? table.query().select([first]) : table.query()) rows += batch.numRows;
  return rows;
}

/**
 * Indexes (the keyword index, the chunk-key index) whose files do not load: a table scan never reads
 * them, but keyword search does. prewarmIndex() reads an index in full.
 */
export async function unreadableIndexes(table: Table): Promise<string[]> {
  const broken: string[] = [];
  for (const index of await table.listIndices()) {
    try {
      await table.prewarmIndex(index.name);
    } catch (err) {
      if (!isDamageError(err)) throw err;
      broken.push(index.name);
    }
  }
  return broken;
}
