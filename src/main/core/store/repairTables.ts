import fs from 'node:fs';
import * as lancedb from '@lancedb/lancedb';
import type { Table } from '@lancedb/lancedb';
import type { LibraryCheckReport } from '../../../shared/api/methods/library';
import { readEveryRow, unreadableIndexes } from './checkTable';
import { isDamageError } from './libraryDamage';
import { libraryPaths } from './libraryTables';
import { moveToQuarantine } from './quarantine';
import { listManifests, tableDir } from './tableVersions';

/**
 * The first half of a repair, on the raw LanceDB files (the caller holds the writer lock): every table
 * the check found damaged goes back to its newest version that reads in full.
 *
 * - A manifest LanceDB cannot decode (an overwritten `_versions/N.manifest`) stops the table from
 *   opening at all when it is the newest; it is moved to `quarantine/` until the table opens.
 * - Then versions are tried from the newest down (checkout + reading every column); the first that
 *   reads becomes the latest again (`restore()`, itself a new version: nothing is rewritten). A
 *   truncated or deleted data file added by the last writes is left behind this way.
 * - A table with no readable version (the damaged file is in every version, e.g. after compaction
 *   pruned the old ones) is moved to `quarantine/` whole; opening the library for writing creates it
 *   again, empty, and the repair re-indexes its documents from their source files.
 *
 * An index whose files do not load (the keyword index, say) is dropped and built again.
 *
 * Rows that the older version lacks are not lost for good: the repair then finds the documents whose
 * chunks or vectors are missing and indexes them again.
 */

export interface TableRepairOutcome {
  /** One readable line per thing done. */
  actions: string[];
  /** Library-relative paths of what was moved into quarantine. */
  quarantined: string[];
}

export async function repairTables(
  dir: string,
  report: LibraryCheckReport,
  session: string,
  signal?: AbortSignal,
): Promise<TableRepairOutcome> {
  const outcome: TableRepairOutcome = { actions: [], quarantined: [] };
  const { lanceDir } = libraryPaths(dir);
  const damaged = report.tables.filter((t) => t.problem !== null);
  if (damaged.length === 0) return outcome;
  const db = await lancedb.connect(lanceDir, { readConsistencyInterval: 0 });
  try {
    for (const health of damaged) {
      signal?.throwIfAborted();
      if (!fs.existsSync(tableDir(lanceDir, health.table))) continue; // recreated on open
      await repairTable(db, dir, health.table, session, outcome);
    }
  } finally {
    db.close();
  }
  return outcome;
}

async function repairTable(
  db: lancedb.Connection,
  dir: string,
  name: string,
  session: string,
  outcome: TableRepairOutcome,
): Promise<void> {
  const { lanceDir } = libraryPaths(dir);
  const quarantine = (target: string) => outcome.quarantined.push(moveToQuarantine(dir, session, target));
  const table = await openSettingAsideBrokenManifests(db, dir, name, session, outcome);
  if (!table) {
    quarantine(tableDir(lanceDir, name));
    outcome.actions.push(`${name}: no version of the table can be opened; moved it to quarantine`);
    return;
  }
  try {
    const latest = await table.version();
    let restored: number | null = null;
    const unreadable: number[] = [];
    for (const { version, file } of listManifests(lanceDir, name)) {
      if (restored !== null) break;
      try {
        await table.checkout(version);
        await readEveryRow(table);
        restored = version;
      } catch (err) {
        if (!isDamageError(err)) throw err;
        unreadable.push(version);
        // An older manifest that cannot even be decoded would break listing versions and clean-up.
        if (!(await manifestDecodes(table, version))) quarantine(file);
      }
    }
    if (restored === null) {
      table.close();
      quarantine(tableDir(lanceDir, name));
      outcome.actions.push(`${name}: no version reads in full; moved the table to quarantine`);
      return;
    }
    if (restored !== latest) {
      await table.restore();
      outcome.actions.push(
        `${name}: went back to version ${restored} (version${unreadable.length === 1 ? '' : 's'} ` +
          `${unreadable.join(', ')} unreadable)`,
      );
    } else {
      await table.checkoutLatest();
    }
    // Older manifests that do not decode (found by the check) go too, even when the latest was fine.
    for (const { version, file } of listManifests(lanceDir, name)) {
      if (version === restored || unreadable.includes(version)) continue;
      if (!(await manifestDecodes(table, version))) {
        quarantine(file);
        outcome.actions.push(`${name}: set aside the unreadable manifest of version ${version}`);
      }
    }
    await table.checkoutLatest();
    // Index files a scan never reads: drop them; opening the library for writing builds them again.
    for (const index of await unreadableIndexes(table)) {
      await table.dropIndex(index);
      outcome.actions.push(`${name}: dropped the unreadable index ${index} (built again below)`);
    }
  } finally {
    if (table.isOpen()) table.close();
  }
}

/** Opens a table, moving its newest manifests into quarantine while they are what stops it. */
async function openSettingAsideBrokenManifests(
  db: lancedb.Connection,
  dir: string,
  name: string,
  session: string,
  outcome: TableRepairOutcome,
): Promise<Table | null> {
  const { lanceDir } = libraryPaths(dir);
  for (;;) {
    try {
      return await db.openTable(name);
    } catch (err) {
      if (!isDamageError(err)) throw err;
      const newest = listManifests(lanceDir, name)[0];
      if (!newest) return null;
      outcome.quarantined.push(moveToQuarantine(dir, session, newest.file));
      outcome.actions.push(`${name}: set aside the unreadable manifest of version ${newest.version}`);
    }
  }
}

async function manifestDecodes(table: Table, version: number): Promise<boolean> {
  try {
    await table.checkout(version);
    return true;
  } catch {
    return false;
  }
}
