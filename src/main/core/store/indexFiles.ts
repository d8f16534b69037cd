import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { randomBytes } from 'node:crypto';
import type { HnswParameters } from './hnswParameters';
import type { IndexScalar } from './indexScalar';

/**
 * On-disk form of a vector index cache: `<table>.<set>.usearch` (the HNSW graph and vectors),
 * `<table>.<set>.keys` (the chunk keys it holds, for diffing against LanceDB) and the sidecar
 * `<table>.json` that names the current file set and describes it.
 *
 * Saving writes a new file set under a fresh random name (each file: temp, fsync, rename) and then
 * replaces the sidecar the same way: the sidecar rename is the commit. Because file sets are never
 * overwritten, two processes saving at once cannot produce a sidecar pointing at a mixed set, and on
 * Windows a set another process still has open is never in the way. Unreferenced sets are collected
 * once they are old enough not to be another process's save in progress.
 */

export const SIDECAR_FORMAT = 1;

export interface IndexSidecar {
  format: number;
  modelId: string;
  fingerprint: string;
  dims: number;
  metric: 'ip';
  params: HnswParameters;
  /** Version of the LanceDB vectors table the index reflects. */
  tableVersion: number;
  count: number;
  /** Keys removed since the graph was built from scratch (tombstones degrade HNSW; see indexEngine). */
  removedSinceBuild: number;
  index: { file: string; bytes: number; crc32: number };
  keys: { file: string; bytes: number; crc32: number };
  savedAt: string;
  /** How the index stores vectors; absent in sidecars written before quantisation existed (f32). */
  scalar?: IndexScalar;
  /**
   * Quantised kinds: the f32 rows file used for rescoring (rescoreRows.ts), its rows valid at this
   * save, and the row of each key (`rowmap`, uint32 in the keys file's order).
   */
  rows?: { file: string; count: number; rowmap: { file: string; bytes: number; crc32: number } };
}

/** The scalar kind a saved index holds (sidecars from before quantisation: f32). */
export function sidecarScalar(sidecar: IndexSidecar): IndexScalar {
  return sidecar.scalar ?? 'f32';
}

export function sidecarPath(indexDir: string, table: string): string {
  return path.join(indexDir, `${table}.json`);
}

export function readSidecar(indexDir: string, table: string): IndexSidecar | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(sidecarPath(indexDir, table), 'utf8')) as IndexSidecar;
    return parsed.format === SIDECAR_FORMAT ? parsed : null;
  } catch {
    return null;
  }
}

/** CRC-32 of a file, streamed in 8 MB blocks (a 200 MB index checks in ~0.1 s). */
export function fileCrc32(file: string): { bytes: number; crc32: number } {
  const fd = fs.openSync(file, 'r');
  try {
    const block = Buffer.allocUnsafe(8 << 20);
    let crc = 0;
    let bytes = 0;
    for (;;) {
      const n = fs.readSync(fd, block, 0, block.length, null);
      if (n === 0) break;
      crc = zlib.crc32(block.subarray(0, n), crc);
      bytes += n;
    }
    return { bytes, crc32: crc };
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a rename durable (POSIX; Windows cannot open directories and does not need it). */
function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Produces `target` through `write(tmp)`, fsync and rename. */
export function writeFileAtomically(target: string, write: (tmp: string) => void): void {
  const tmp = `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    write(tmp);
    fsyncFile(tmp);
    fs.renameSync(tmp, target);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
  fsyncDir(path.dirname(target));
}

export function newFileSetName(table: string): string {
  return `${table}.${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

/**
 * Saves a file set (index via `saveIndex`, keys as raw little-endian uint64) and commits it by
 * replacing the sidecar. Returns the sidecar written.
 */
export function saveIndexFiles(
  indexDir: string,
  table: string,
  saveIndex: (file: string) => void,
  keys: BigUint64Array,
  meta: Omit<IndexSidecar, 'format' | 'index' | 'keys' | 'savedAt' | 'rows'>,
  /** Quantised kinds: the rows file (already durable) and the row of each key. */
  rows?: { file: string; count: number; rowmap: Uint32Array },
): IndexSidecar {
  fs.mkdirSync(indexDir, { recursive: true });
  const previous = readSidecar(indexDir, table);
  const set = newFileSetName(table);
  const indexFile = `${set}.usearch`;
  const keysFile = `${set}.keys`;
  writeFileAtomically(path.join(indexDir, indexFile), saveIndex);
  const keyBytes = Buffer.from(keys.buffer, keys.byteOffset, keys.byteLength);
  writeFileAtomically(path.join(indexDir, keysFile), (tmp) => fs.writeFileSync(tmp, keyBytes));
  let rowsMeta: IndexSidecar['rows'];
  if (rows) {
    const rowmapFile = `${set}.rowmap`;
    const rowBytes = Buffer.from(rows.rowmap.buffer, rows.rowmap.byteOffset, rows.rowmap.byteLength);
    writeFileAtomically(path.join(indexDir, rowmapFile), (tmp) => fs.writeFileSync(tmp, rowBytes));
    rowsMeta = {
      file: rows.file,
      count: rows.count,
      rowmap: { file: rowmapFile, ...fileCrc32(path.join(indexDir, rowmapFile)) },
    };
  }
  const sidecar: IndexSidecar = {
    format: SIDECAR_FORMAT,
    ...meta,
    index: { file: indexFile, ...fileCrc32(path.join(indexDir, indexFile)) },
    keys: { file: keysFile, ...fileCrc32(path.join(indexDir, keysFile)) },
    savedAt: new Date().toISOString(),
    ...(rowsMeta ? { rows: rowsMeta } : {}),
  };
  writeFileAtomically(sidecarPath(indexDir, table), (tmp) =>
    fs.writeFileSync(tmp, JSON.stringify(sidecar, null, 2)),
  );
  // The set just superseded goes at once (an index is hundreds of MB at 100k vectors). A process still
  // reading it keeps its open handle on POSIX; Windows refuses the delete and the age-based collection
  // gets it later.
  if (previous) {
    const superseded = [previous.index.file, previous.keys.file, previous.rows?.rowmap.file];
    // The rows file outlives saves (it grows in place); it goes only when a rebuild replaced it.
    if (previous.rows && previous.rows.file !== sidecar.rows?.file) superseded.push(previous.rows.file);
    for (const file of superseded.filter((f): f is string => f !== undefined)) {
      try {
        fs.rmSync(path.join(indexDir, file), { force: true });
      } catch {
        // still open elsewhere
      }
    }
  }
  return sidecar;
}

/** Checks that the sidecar's files exist with the recorded sizes and checksums; returns a problem or null. */
export function verifyIndexFiles(indexDir: string, sidecar: IndexSidecar): string | null {
  if (sidecarScalar(sidecar) !== 'f32') {
    if (!sidecar.rows) return 'index has no f32 rows for rescoring';
    const rows = path.join(indexDir, sidecar.rows.file);
    if (!fs.existsSync(rows)) return `index file ${sidecar.rows.file} is missing`;
    if (fs.statSync(rows).size < sidecar.rows.count * sidecar.dims * 4)
      return `index file ${sidecar.rows.file} is shorter than its ${sidecar.rows.count} rows`;
  }
  for (const part of [sidecar.index, sidecar.keys, ...(sidecar.rows ? [sidecar.rows.rowmap] : [])]) {
    const file = path.join(indexDir, part.file);
    if (!fs.existsSync(file)) return `index file ${part.file} is missing`;
    const actual = fileCrc32(file);
    if (actual.bytes !== part.bytes || actual.crc32 !== part.crc32)
      return `index file ${part.file} is corrupt (checksum mismatch)`;
  }
  return null;
}

export function readKeysFile(indexDir: string, sidecar: IndexSidecar): BigUint64Array {
  const bytes = fs.readFileSync(path.join(indexDir, sidecar.keys.file));
  const keys = new BigUint64Array(bytes.byteLength / 8);
  Buffer.from(keys.buffer).set(bytes);
  return keys;
}

/** The row of each key in the rows file (quantised kinds), in the keys file's order. */
export function readRowmapFile(indexDir: string, sidecar: IndexSidecar): Uint32Array {
  if (!sidecar.rows) return new Uint32Array(0);
  const bytes = fs.readFileSync(path.join(indexDir, sidecar.rows.rowmap.file));
  const rows = new Uint32Array(bytes.byteLength / 4);
  Buffer.from(rows.buffer).set(bytes);
  return rows;
}

/** Age after which an unreferenced file set cannot be another process's save in progress. */
export const GARBAGE_AGE_MS = 10 * 60 * 1000;

/** Deletes this table's file sets (and stray temp files) other than the current sidecar's. */
export function collectIndexGarbage(
  indexDir: string,
  table: string,
  keep: IndexSidecar | null,
  now = Date.now(),
): void {
  let names: string[];
  try {
    names = fs.readdirSync(indexDir);
  } catch {
    return;
  }
  const keepNames = new Set(
    keep
      ? [keep.index.file, keep.keys.file, ...(keep.rows ? [keep.rows.file, keep.rows.rowmap.file] : [])]
      : [],
  );
  for (const name of names) {
    if (!name.startsWith(`${table}.`) || name === `${table}.json` || keepNames.has(name)) continue;
    const file = path.join(indexDir, name);
    try {
      if (now - fs.statSync(file).mtimeMs < GARBAGE_AGE_MS) continue;
      fs.rmSync(file, { force: true });
    } catch {
      // Still open elsewhere (Windows) or already gone: try again next time.
    }
  }
}

/** Removes everything for a table, sidecar first (used when dropping back to exact search). */
export function removeIndexFiles(indexDir: string, table: string): void {
  fs.rmSync(sidecarPath(indexDir, table), { force: true });
  collectIndexGarbage(indexDir, table, null, Number.POSITIVE_INFINITY);
}
