import { parentPort, workerData } from 'node:worker_threads';
import { extractDocument, preloadExtractors } from '../ingest/extract/extractDocument';
import { setOcrPageListener } from '../ingest/extract/ocrPages';
import type { ExtractWorkerData, ExtractWorkerMessage } from '../ingest/extractPoolTypes';
import type { SourceKind } from '../ingest/types';

/**
 * Extraction worker: one document at a time, on this thread, so the pool can cut a runaway parse by
 * terminating the thread (wall-clock timeout) and V8 can stop it at the heap limit the pool set.
 * Protocol: the worker posts `{type:'ready'}` once parsers are loaded (so load time never counts
 * against a document's timeout), then answers each `{id, path, kind}` with `{type:'result', id, result}`.
 */
interface Task {
  id: number;
  path: string;
  kind?: SourceKind;
}

const { limits, testHooks } = workerData as ExtractWorkerData;
const port = parentPort!;
const post = (msg: ExtractWorkerMessage): void => port.postMessage(msg);

// pdf.js occasionally rejects a promise nobody awaits while cleaning up a broken file; that must not
// take the worker (and the document after it) down. Real failures reach extractDocument's own catch.
process.on('unhandledRejection', () => undefined);

let currentTask = 0;
setOcrPageListener((extendMs) => post({ type: 'ocr-page', id: currentTask, extendMs }));

port.on('message', (task: Task) => {
  currentTask = task.id;
  void extractDocument(
    { path: task.path, ...(task.kind ? { kind: task.kind } : {}) },
    limits,
    testHooks,
  ).then(
    (result) => post({ type: 'result', id: task.id, result }),
    (error: unknown) =>
      post({ type: 'error', id: task.id, message: (error as Error)?.message ?? String(error) }),
  );
});

await preloadExtractors();
post({ type: 'ready' });
