import fs from 'node:fs';
import path from 'node:path';
import { listManifests } from '../../src/main/core/store/tableVersions';

/**
 * Ways a library's files get damaged (a disk error, an interrupted copy, a sync tool, a user poking
 * around), done to a real LanceDB folder: what the doctor must detect and the repair must undo.
 */

/** Data files of a table, oldest first (by modification time, then name). */
export function dataFiles(libraryDir: string, table: string): string[] {
  const dir = path.join(libraryDir, 'lance', `${table}.lance`, 'data');
  return fs
    .readdirSync(dir)
    .map((name) => path.join(dir, name))
    .sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs || a.localeCompare(b));
}

/** The name of the model's vectors table (the only `vectors_*` folder). */
export function vectorsTable(libraryDir: string): string {
  const name = fs.readdirSync(path.join(libraryDir, 'lance')).find((n) => n.startsWith('vectors_'));
  if (!name) throw new Error('no vectors table');
  return name.slice(0, -'.lance'.length);
}

/** Cuts a file to half its size (a copy or a disk write that stopped midway). */
export function truncateHalf(file: string): void {
  fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2));
}

/** Overwrites a file with pseudo-random bytes of the same length. */
export function overwriteWithGarbage(file: string, seed = 7): void {
  const size = Math.max(64, fs.statSync(file).size);
  const bytes = Buffer.alloc(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  fs.writeFileSync(file, bytes);
}

/** The newest version manifest of a table. */
export function newestManifest(libraryDir: string, table: string): string {
  const newest = listManifests(path.join(libraryDir, 'lance'), table)[0];
  if (!newest) throw new Error(`no manifest for ${table}`);
  return newest.file;
}

/** Every version manifest of a table. */
export function allManifests(libraryDir: string, table: string): string[] {
  return listManifests(path.join(libraryDir, 'lance'), table).map((m) => m.file);
}

/** The files of a table's LanceDB indexes (keyword and chunk-key indexes of `chunks`). */
export function indexFiles(libraryDir: string, table: string): string[] {
  const dir = path.join(libraryDir, 'lance', `${table}.lance`, '_indices');
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}
