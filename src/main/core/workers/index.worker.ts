import { parentPort, workerData } from 'node:worker_threads';
import { IndexEngine } from '../store/indexEngine';
import type { IndexProgress, IndexWorkerData, IndexWorkerProtocol } from '../store/indexWorkerProtocol';
import { serveRpc } from '../workerRpc/serveRpc';

/**
 * Owns one model's USearch index (see store/vectorIndex.ts for the caller's side). Building and
 * updating an HNSW graph, loading and check-summing its file are CPU-heavy and synchronous in USearch,
 * so they live here, off the caller's event loop. Requests are handled strictly one after another, so
 * a search never runs against a half-applied sync.
 */
const engine = new IndexEngine(workerData as IndexWorkerData, (done, total) =>
  server.emit('progress', { done, total } satisfies IndexProgress),
);

const server = serveRpc<IndexWorkerProtocol>(
  {
    open: () => engine.open(),
    sync: () => engine.sync(),
    search: ({ vector, k }) => engine.search(vector, k),
    vectors: ({ keys }) => engine.vectors(keys),
    save: () => engine.save(true),
  },
  { sequential: true },
);

parentPort?.on('close', () => engine.close());
