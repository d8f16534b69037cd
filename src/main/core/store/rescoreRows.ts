import fs from 'node:fs';
import path from 'node:path';
import { newFileSetName } from './indexFiles';
import type { SearchReply, VectorsReply } from './indexWorkerProtocol';
import type { UsearchIndex } from './loadUsearch';
import { searchAtExpansion } from './searchExpansion';

/**
 * The exact f32 vectors behind a quantised index (f16, i8, b1), for rescoring its candidates: a flat
 * file of rows (`dims` little-endian floats each) beside the index files, read row by row with
 * positional reads, so the vectors live in the OS page cache rather than in the process (a 1M x 512
 * index keeps 2 GB of f32 on disk, not in memory). A query reads `k x factor` rows (30 x 2 KB for
 * i8).
 *
 * The file only grows: rows are appended as vectors are added; a removed key's row simply stays
 * unused until the graph is rebuilt from scratch, which starts a new file. A sidecar records how
 * many rows were valid when it was saved (later rows are ignored by whoever loads it), and which row
 * each key has (`<set>.rowmap`, one uint32 per key, in the keys file's order).
 *
 * Files are never written by two processes: a process that loaded another's file copies the valid
 * rows to a file of its own before its first append (copy on write).
 */
export class RescoreRows {
  private constructor(
    private fd: number,
    private file: string,
    private owned: boolean,
    private rows: number,
    private readonly dims: number,
    private readonly indexDir: string,
    private readonly table: string,
    /** Row of each key in the file. */
    readonly rowOf: Map<bigint, number>,
  ) {}

  /** A new, empty rows file for a graph being built from scratch. */
  static create(indexDir: string, table: string, dims: number): RescoreRows {
    fs.mkdirSync(indexDir, { recursive: true });
    const file = `${newFileSetName(table)}.f32`;
    const fd = fs.openSync(path.join(indexDir, file), 'w+');
    return new RescoreRows(fd, file, true, 0, dims, indexDir, table, new Map());
  }

  /** A saved rows file (read-only until the first append); null when it is missing or too short. */
  static open(
    indexDir: string,
    table: string,
    dims: number,
    saved: { file: string; count: number },
    keys: BigUint64Array,
    rowmap: Uint32Array,
  ): RescoreRows | null {
    const full = path.join(indexDir, saved.file);
    if (!fs.existsSync(full) || fs.statSync(full).size < saved.count * dims * 4) return null;
    if (rowmap.length !== keys.length) return null;
    const rowOf = new Map<bigint, number>();
    for (let i = 0; i < keys.length; i++) {
      if (rowmap[i]! >= saved.count) return null;
      rowOf.set(keys[i]!, rowmap[i]!);
    }
    const fd = fs.openSync(full, 'r');
    return new RescoreRows(fd, saved.file, false, saved.count, dims, indexDir, table, rowOf);
  }

  /** File name and valid rows, for the sidecar. */
  get saved(): { file: string; count: number } {
    return { file: this.file, count: this.rows };
  }

  /** Appends the rows of `keys` (row-major `vectors`). */
  append(keys: BigUint64Array, vectors: Float32Array): void {
    if (!this.owned) this.copyToOwnFile();
    const bytes = Buffer.from(vectors.buffer, vectors.byteOffset, keys.length * this.dims * 4);
    fs.writeSync(this.fd, bytes, 0, bytes.length, this.rows * this.dims * 4);
    keys.forEach((key, i) => this.rowOf.set(key, this.rows + i));
    this.rows += keys.length;
  }

  /** Forgets removed keys (their rows stay in the file, unused). */
  forget(keys: Iterable<bigint>): void {
    for (const key of keys) this.rowOf.delete(key);
  }

  /** Exact inner products of `query` with the f32 rows of `keys` (NaN for a key without a row). */
  score(query: Float32Array, keys: BigUint64Array): Float32Array {
    const rowBytes = this.dims * 4;
    const buffer = Buffer.allocUnsafe(rowBytes);
    const row = new Float32Array(buffer.buffer, buffer.byteOffset, this.dims);
    const out = new Float32Array(keys.length);
    keys.forEach((key, i) => {
      const at = this.rowOf.get(key);
      if (at === undefined) return void (out[i] = Number.NaN);
      fs.readSync(this.fd, buffer, 0, rowBytes, at * rowBytes);
      let s = 0;
      for (let d = 0; d < this.dims; d++) s += query[d]! * row[d]!;
      out[i] = s;
    });
    return out;
  }

  /** The f32 rows of those `keys` that have one (positional reads, as score() does). */
  vectors(keys: BigUint64Array): VectorsReply {
    const found = Array.from(keys).filter((key) => this.rowOf.has(key));
    const out = new Float32Array(found.length * this.dims);
    const rowBytes = this.dims * 4;
    found.forEach((key, i) => {
      const view = new Uint8Array(out.buffer, i * rowBytes, rowBytes);
      fs.readSync(this.fd, view, 0, rowBytes, this.rowOf.get(key)! * rowBytes);
    });
    return { keys: BigUint64Array.from(found), vectors: out };
  }

  /** Makes the rows written so far durable (before a sidecar names them). */
  sync(): void {
    if (this.owned) fs.fsyncSync(this.fd);
  }

  close(): void {
    try {
      fs.closeSync(this.fd);
    } catch {
      // already closed
    }
  }

  private copyToOwnFile(): void {
    const file = `${newFileSetName(this.table)}.f32`;
    const fd = fs.openSync(path.join(this.indexDir, file), 'w+');
    const block = Buffer.allocUnsafe(8 << 20);
    const total = this.rows * this.dims * 4;
    for (let at = 0; at < total; at += block.length) {
      const n = fs.readSync(this.fd, block, 0, Math.min(block.length, total - at), at);
      fs.writeSync(fd, block, 0, n, at);
    }
    this.close();
    this.fd = fd;
    this.file = file;
    this.owned = true;
  }
}

/**
 * A quantised graph proposes `wanted` candidates, found by a search of depth `expansion`
 * (searchExpansion.ts); their exact f32 inner products (read from the rows file) pick and score the
 * top k, so scores are exact cosines whatever the kind.
 */
export function searchRescored(
  hnsw: UsearchIndex,
  rows: RescoreRows,
  query: Float32Array,
  k: number,
  wanted: number,
  expansion: number,
): SearchReply {
  const found = searchAtExpansion(hnsw, query, wanted, expansion).keys;
  // USearch pads missing neighbours with the all-ones key; rows.score gives those NaN.
  const scores = rows.score(query, found);
  const order = Array.from(found.keys())
    .filter((i) => !Number.isNaN(scores[i]!))
    .sort((a, b) => scores[b]! - scores[a]!)
    .slice(0, k);
  return {
    keys: BigUint64Array.from(order, (i) => found[i]!),
    distances: Float32Array.from(order, (i) => 1 - scores[i]!),
  };
}
