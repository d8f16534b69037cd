/**
 * Files that let the 1M row of bench:search's index quantisation table run in pieces: the vector set
 * (2 GB of f32 at 1M), the exact f32 truth and every built index are written once to a cache folder
 * and read back by later runs, so each kind can be built in its own (niced) process, a run killed
 * halfway loses only the index it was building, and a second look at the numbers costs no build.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Writes a Float32Array to a raw little-endian file in 64 MB pieces (a Buffer cannot span 2 GB+). */
export function writeF32(file: string, data: Float32Array): void {
  const fd = fs.openSync(`${file}.tmp`, 'w');
  try {
    const step = 64 << 20;
    for (let at = 0; at < data.byteLength; at += step) {
      const len = Math.min(step, data.byteLength - at);
      fs.writeSync(fd, new Uint8Array(data.buffer, data.byteOffset + at, len));
    }
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(`${file}.tmp`, file);
}

/** Reads a raw f32 file written by writeF32. */
export function readF32(file: string): Float32Array {
  const bytes = fs.statSync(file).size;
  const out = new Float32Array(bytes / 4);
  const fd = fs.openSync(file, 'r');
  try {
    const step = 64 << 20;
    for (let at = 0; at < bytes; at += step) {
      fs.readSync(
        fd,
        new Uint8Array(out.buffer, at, Math.min(step, bytes - at)),
        0,
        Math.min(step, bytes - at),
        at,
      );
    }
  } finally {
    fs.closeSync(fd);
  }
  return out;
}

/** A JSON value kept in the cache folder, computed once. */
export async function cachedJson<T>(
  dir: string | undefined,
  name: string,
  make: () => Promise<T> | T,
): Promise<T> {
  if (!dir) return make();
  const file = path.join(dir, name);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  const value = await make();
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(value));
  fs.renameSync(`${file}.tmp`, file);
  return value;
}
