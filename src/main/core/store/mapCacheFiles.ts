import fs from 'node:fs';
import path from 'node:path';
import { decodeWire, encodeWire } from '../../../shared/api/wire';
import { writeFileAtomically } from './indexFiles';

/**
 * The map's caches on disk, in `<library>/index/map/`: document vectors per model and computed
 * layouts per parameter set. Like the USearch files beside them they are derived data: written
 * atomically (temp file, fsync, rename), versioned by a format number, ignored when unreadable and
 * rebuilt from LanceDB. They use the contract's binary envelope (wire.ts), which already stores a JSON
 * header plus raw typed arrays, so a 100k-point layout loads without parsing a number list.
 */
export function mapCacheDir(indexDir: string): string {
  return path.join(indexDir, 'map');
}

/** Reads a cache file; null when missing, unreadable or of another format. */
export function readCacheFile<T extends { format: number }>(file: string, format: number): T | null {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return null;
  }
  try {
    const value = decodeWire(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)) as T;
    return value && value.format === format ? value : null;
  } catch {
    return null;
  }
}

export function writeCacheFile(file: string, value: { format: number }): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const bytes = encodeWire(value);
  writeFileAtomically(file, (tmp) => fs.writeFileSync(tmp, bytes));
}

export function removeCacheFile(file: string): void {
  fs.rmSync(file, { force: true });
}
