import { parentPort, workerData } from 'node:worker_threads';
import { MapEngine } from '../map/mapEngine';
import type { MapWorkerData, MapWorkerProtocol } from '../map/mapWorkerProtocol';
import { serveRpc } from '../workerRpc/serveRpc';

/**
 * Runs the map's CPU work (loading vectors, PCA, UMAP, k-means, labels, query placement) off the
 * caller's event loop; see map/mapService.ts for the caller's side. Requests are handled one
 * after another. A UMAP computation gets a worker of its own, which is terminated to cancel it.
 */
const engine = new MapEngine((workerData as MapWorkerData).libraryDir);
serveRpc<MapWorkerProtocol>(
  {
    layout: ({ params, allowCompute }, { progress }) =>
      engine.layout(params, allowCompute, (phase, done, total) => progress({ phase, done, total })),
    recompute: ({ params }, { progress }) =>
      engine.recompute(params, (phase, done, total) => progress({ phase, done, total })),
    project: ({ params, query, k }) => engine.project(params, query, k),
    refreshDocumentVectors: ({ modelId }) => engine.refreshDocumentVectors(modelId),
  },
  { sequential: true },
);

parentPort?.on('close', () => void engine.close());
