import path from 'node:path';
import {
  readKeysFile,
  readRowmapFile,
  sidecarScalar,
  verifyIndexFiles,
  type IndexSidecar,
} from './indexFiles';
import type { IndexScalar } from './indexScalar';
import type { IndexWorkerData } from './indexWorkerProtocol';
import type { UsearchIndex } from './loadUsearch';
import { RescoreRows } from './rescoreRows';

/** A saved vector index read back into memory. */
export interface LoadedIndex {
  hnsw: UsearchIndex;
  /** The saved kind, whatever the default is now: a library keeps its index until a rebuild. */
  scalar: IndexScalar;
  keys: BigUint64Array;
  /** The f32 rows behind a quantised graph (null for f32). */
  rows: RescoreRows | null;
}

/**
 * Reads the file set a sidecar names, if it was built for this model with these HNSW parameters and
 * its files are intact; otherwise says why not (a string), having kept nothing open.
 */
export function loadSavedIndex(
  cfg: IndexWorkerData,
  sidecar: IndexSidecar,
  newHnsw: (scalar: IndexScalar) => UsearchIndex,
): LoadedIndex | string {
  const { indexDir, table, dims } = cfg;
  if (sidecar.modelId !== cfg.modelId || sidecar.fingerprint !== cfg.fingerprint || sidecar.dims !== dims)
    return 'index was built for another model version';
  if (JSON.stringify(sidecar.params) !== JSON.stringify(cfg.params))
    return 'index was built with other HNSW parameters';
  const problem = verifyIndexFiles(indexDir, sidecar);
  if (problem) return problem;
  try {
    const scalar = sidecarScalar(sidecar);
    const hnsw = newHnsw(scalar);
    hnsw.load(path.join(indexDir, sidecar.index.file));
    const keys = readKeysFile(indexDir, sidecar);
    if (hnsw.dimensions() !== dims || hnsw.size() !== sidecar.count || keys.length !== sidecar.count)
      return 'index file does not match its sidecar';
    if (scalar === 'f32') return { hnsw, scalar, keys, rows: null };
    const rows = RescoreRows.open(
      indexDir,
      table,
      dims,
      sidecar.rows!,
      keys,
      readRowmapFile(indexDir, sidecar),
    );
    return rows ? { hnsw, scalar, keys, rows } : 'index f32 rows do not match its sidecar';
  } catch (error) {
    return `index file is unreadable (${(error as Error).message})`;
  }
}
