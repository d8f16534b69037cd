import type { Table } from '@lancedb/lancedb';
import { ensureKeywordIndex, unindexedKeywordRows } from './keywordIndex';

/**
 * LanceDB appends a fragment and a version per write. optimize() compacts fragments, folds new rows
 * into indexes and prunes old versions; it is the only maintenance call the JS API has.
 */

/**
 * Old versions are kept this long: a reader in another process (the app while `loci add` runs) may
 * still be reading one, and LanceDB's own default (7 days) would keep every ingest batch's files.
 */
export const VERSION_RETENTION_MS = 10 * 60 * 1000;

/** Compact a table without a text index once it has this many fragments (scans slow down with many). */
export const COMPACT_AT_FRAGMENTS = 32;

export interface MaintenanceReport {
  table: string;
  optimized: boolean;
  reason: string;
  ms: number;
}

async function optimize(table: Table, reason: string): Promise<MaintenanceReport> {
  const started = performance.now();
  await table.optimize({ cleanupOlderThan: new Date(Date.now() - VERSION_RETENTION_MS) });
  return { table: table.name, optimized: true, reason, ms: performance.now() - started };
}

/** Folds unindexed chunk rows into the keyword index (see keywordIndex.ts for why always). */
export async function refreshKeywordIndex(chunks: Table): Promise<MaintenanceReport> {
  await ensureKeywordIndex(chunks);
  const pending = await unindexedKeywordRows(chunks);
  if (pending === 0) return { table: chunks.name, optimized: false, reason: 'keyword index current', ms: 0 };
  return optimize(chunks, `${pending} unindexed rows`);
}

/** Compacts a table once it has many small fragments (or when forced and there is anything to do). */
export async function compactIfFragmented(table: Table, force: boolean): Promise<MaintenanceReport> {
  const stats = await table.stats();
  const { numFragments, numSmallFragments } = stats.fragmentStats;
  if (numFragments >= COMPACT_AT_FRAGMENTS || (force && numSmallFragments > 1)) {
    return optimize(table, `${numFragments} fragments`);
  }
  return { table: table.name, optimized: false, reason: `${numFragments} fragments`, ms: 0 };
}
