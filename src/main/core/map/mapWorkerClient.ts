import { RpcClient } from '../workerRpc/rpcClient';
import { workerThreadEndpoint } from '../workerRpc/rpcEndpoint';
import { spawnWorker } from '../workers/spawnWorker';
import type { MapWorkerData, MapWorkerProtocol } from './mapWorkerProtocol';

export type MapWorkerClient = RpcClient<MapWorkerProtocol>;

/**
 * The caller's handle on one project.worker thread, started on first use. With `idleStopMs`, stopped
 * after that long without requests (it holds the last map's vectors, up to ~200 MB at 100k points).
 * stop() cancels a UMAP computation; a worker that dies fails its pending requests and the next one
 * starts it afresh.
 */
export function createMapWorkerClient(libraryDir: string, idleStopMs: number | null = null): MapWorkerClient {
  const data: MapWorkerData = { libraryDir };
  return new RpcClient<MapWorkerProtocol>({
    name: 'map worker',
    start: () => workerThreadEndpoint(spawnWorker('project', { workerData: data }), 'map worker'),
    idleStopMs,
  });
}
