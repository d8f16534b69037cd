import { parentPort } from 'node:worker_threads';

// Smallest possible worker: proves that worker entry points resolve and load (from source and bundled).
parentPort?.on('message', (msg: unknown) => parentPort?.postMessage(msg));
