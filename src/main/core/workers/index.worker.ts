import { parentPort, workerData } from 'node:worker_threads';
import { IndexEngine } from '../store/indexEngine';
import type {
  IndexRequest,
  IndexResponse,
  IndexSnapshot,
  IndexWorkerData,
  IndexWorkerMessage,
  SearchReply,
} from '../store/indexWorkerProtocol';

/**
 * Owns one model's USearch index (see store/vectorIndex.ts for the caller's side). Building and
 * updating an HNSW graph, loading and check-summing its file are CPU-heavy and synchronous in USearch,
 * so they live here, off the caller's event loop. Requests are handled strictly one after another, so
 * a search never runs against a half-applied sync.
 */
const port = parentPort;
if (!port) throw new Error('index.worker must run as a worker thread');

const engine = new IndexEngine(workerData as IndexWorkerData, (done, total) => {
  const message: IndexWorkerMessage = { event: 'progress', done, total };
  port.postMessage(message);
});

async function handle(request: IndexRequest): Promise<IndexSnapshot | SearchReply> {
  switch (request.op) {
    case 'open':
      return engine.open();
    case 'sync':
      return engine.sync();
    case 'search':
      return engine.search(request.vector, request.k);
    case 'save':
      return engine.save(true);
  }
}

let queue: Promise<void> = Promise.resolve();
port.on('message', (message: { id: number; request: IndexRequest }) => {
  queue = queue.then(async () => {
    let response: IndexResponse;
    try {
      response = { id: message.id, ok: true, result: await handle(message.request) };
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

port.on('close', () => engine.close());
