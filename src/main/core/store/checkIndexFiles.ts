import fs from 'node:fs';
import path from 'node:path';
import type { IndexHealth } from '../../../shared/api/methods/library';
import { readKeysFile, readSidecar, sidecarPath, sidecarScalar, verifyIndexFiles } from './indexFiles';
import { metricFor, usearchScalar } from './indexScalar';
import { usearch } from './loadUsearch';
import type { ModelRecord } from './storeTypes';

/**
 * Checks a model's saved vector index (index/<table>.json + its .usearch and .keys files) against the
 * vectors table: checksums, that USearch can load it, its size, and, when it claims to reflect the
 * table's current version, that it holds exactly the table's keys. The index is a cache: the repair
 * for any problem here is to throw it away and build it again from LanceDB.
 */
export function checkIndexFiles(
  indexDir: string,
  model: ModelRecord,
  tableVersion: number,
  tableKeys: ReadonlySet<bigint>,
): IndexHealth {
  const health = (state: IndexHealth['state'], problem: string | null = null): IndexHealth => ({
    modelId: model.id,
    state,
    problem,
  });
  if (!fs.existsSync(sidecarPath(indexDir, model.table))) return health('none');
  const sidecar = readSidecar(indexDir, model.table);
  if (!sidecar) return health('damaged', 'the index sidecar is unreadable');
  if (
    sidecar.modelId !== model.id ||
    sidecar.fingerprint !== model.fingerprint ||
    sidecar.dims !== model.dims
  )
    return health('stale', 'the index was built for another model version');
  const fileProblem = verifyIndexFiles(indexDir, sidecar);
  if (fileProblem) return health('damaged', fileProblem);
  try {
    const index = new usearch.Index({
      dimensions: sidecar.dims,
      metric: metricFor(sidecarScalar(sidecar)),
      quantization: usearchScalar(sidecarScalar(sidecar)),
      connectivity: sidecar.params.connectivity,
      expansion_add: sidecar.params.expansionAdd,
      expansion_search: sidecar.params.expansionSearch,
      multi: false,
    });
    index.load(path.join(indexDir, sidecar.index.file));
    if (index.size() !== sidecar.count)
      return health('damaged', `the index holds ${index.size()} vectors, its sidecar says ${sidecar.count}`);
  } catch (err) {
    return health('damaged', `USearch cannot load the index file (${(err as Error).message})`);
  }
  const keys = readKeysFile(indexDir, sidecar);
  if (keys.length !== sidecar.count)
    return health('damaged', `the keys file holds ${keys.length} keys, the sidecar says ${sidecar.count}`);
  // Behind the table: the next search catches up by diffing keys, so that is not damage.
  if (sidecar.tableVersion !== tableVersion) return health('stale');
  let extra = 0;
  for (const key of keys) if (!tableKeys.has(key)) extra++;
  const missing = tableKeys.size - (keys.length - extra);
  if (extra > 0 || missing > 0)
    return health('damaged', `the index lacks ${missing} of the table's vectors and holds ${extra} others`);
  return health('ok');
}
