import { parentPort, workerData } from 'node:worker_threads';
import { MapEngine } from '../map/mapEngine';
import type {
  MapWorkerData,
  MapWorkerMessage,
  MapWorkerRequest,
  MapWorkerResponse,
  MapWorkerResult,
} from '../map/mapWorkerProtocol';

/**
 * Runs the map's CPU work (loading vectors, PCA, UMAP, k-means, labels, query placement) off the
 * caller's event loop; see map/mapService.ts for the caller's side. Requests are handled one
 * after another. A UMAP computation gets a worker of its own, which is terminated to cancel it.
 */
const port = parentPort;
if (!port) throw new Error('project.worker must run as a worker thread');

const engine = new MapEngine((workerData as MapWorkerData).libraryDir);

async function handle(id: number, request: MapWorkerRequest): Promise<MapWorkerResult> {
  const report = (phase: string, done: number, total: number) => {
    const message: MapWorkerMessage = { event: 'progress', id, phase, done, total };
    port?.postMessage(message);
  };
  switch (request.op) {
    case 'layout':
      return engine.layout(request.params, request.allowCompute, report);
    case 'recompute':
      return engine.recompute(request.params, report);
    case 'project':
      return engine.project(request.params, request.query, request.k);
    case 'refreshDocumentVectors':
      return engine.refreshDocumentVectors(request.modelId);
  }
}

let queue: Promise<void> = Promise.resolve();
port.on('message', (message: { id: number; request: MapWorkerRequest }) => {
  queue = queue.then(async () => {
    let response: MapWorkerResponse;
    try {
      response = { id: message.id, ok: true, result: await handle(message.id, message.request) };
    } catch (error) {
      const e = error as Error;
      response = {
        id: message.id,
        ok: false,
        error: { message: e.message ?? String(error), stack: e.stack },
      };
    }
    port.postMessage(response);
  });
});

port.on('close', () => void engine.close());
