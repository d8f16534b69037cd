import { parentPort } from 'node:worker_threads';
import { BatchQueue, type QueuedItem } from '../embed/batchQueue';
import { EmbedError, serializeError } from '../embed/embedError';
import { openWorkerModel } from '../embed/openWorkerModel';
import type { FromWorker, ToWorker } from '../embed/workerProtocol';
import type { WorkerModel } from '../embed/workerModel';

/**
 * Hosts one model's ONNX session off the caller's thread. Tokenising, batching, the model runs and
 * pooling all happen here; the caller only sanitises texts and copies vectors out.
 *
 * Chunks of every pending `embed()` call go into one BatchQueue (length-sorted, round robin between
 * calls). Between two model runs the event loop turns, so cancel and count messages are answered
 * within one batch's time.
 */
const port = parentPort;
if (!port) throw new Error('embed.worker must run in a worker thread');

interface Job {
  dims: number;
  vectors: Float32Array | undefined;
  tokens: number[];
  truncated: boolean[];
  remaining: number;
}

let model: WorkerModel | undefined;
let queue: BatchQueue<unknown> | undefined;
const jobs = new Map<number, Job>();
let draining = false;
let closing = false;

const send = (msg: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(msg, transfer);

function fail(id: number, err: unknown): void {
  jobs.delete(id);
  queue?.remove(id);
  send({ type: 'failed', id, error: serializeError(err) });
}

function finishItems(batch: QueuedItem<unknown>[], vectors: Float32Array[]): void {
  batch.forEach((item, i) => {
    const job = jobs.get(item.jobId);
    if (!job) return; // cancelled while the batch ran
    const v = vectors[i]!;
    job.vectors ??= new Float32Array(job.tokens.length * v.length);
    job.dims = v.length;
    job.vectors.set(v, item.index * v.length);
    if (--job.remaining === 0) {
      jobs.delete(item.jobId);
      send(
        {
          type: 'embedded',
          id: item.jobId,
          dims: job.dims,
          vectors: job.vectors,
          tokens: job.tokens,
          truncated: job.truncated,
        },
        [job.vectors.buffer as ArrayBuffer],
      );
    }
  });
}

async function drain(): Promise<void> {
  if (draining) return;
  draining = true;
  try {
    while (model && queue && !queue.isEmpty && !closing) {
      const batch = queue.nextBatch()!;
      try {
        finishItems(batch, await model.run(batch.map((b) => b.payload)));
      } catch (err) {
        for (const id of new Set(batch.map((b) => b.jobId))) fail(id, err);
      }
      // Let cancel/count messages in before the next run.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    draining = false;
  }
}

function onEmbed(msg: Extract<ToWorker, { type: 'embed' }>): void {
  if (!model || !queue) return fail(msg.id, new EmbedError('EMBEDDER_CLOSED', 'the embedder is not open'));
  const prepared = [];
  try {
    for (const text of msg.texts) prepared.push(model.prepare(text, msg.purpose));
  } catch (err) {
    return fail(msg.id, err);
  }
  if (prepared.length === 0) {
    send({
      type: 'embedded',
      id: msg.id,
      dims: model.info.dims,
      vectors: new Float32Array(0),
      tokens: [],
      truncated: [],
    });
    return;
  }
  jobs.set(msg.id, {
    dims: model.info.dims,
    vectors: undefined,
    tokens: prepared.map((p) => p.tokens),
    truncated: prepared.map((p) => p.truncated),
    remaining: prepared.length,
  });
  queue.add(
    msg.id,
    prepared.map((p) => p.payload),
    prepared.map((p) => p.length),
  );
  void drain();
}

port.on('message', (msg: ToWorker) => {
  switch (msg.type) {
    case 'open':
      openWorkerModel(msg.source, { threads: msg.threads }).then(
        (m) => {
          model = m;
          queue = new BatchQueue(msg.limits);
          send({ type: 'opened', info: m.info });
        },
        (err: unknown) => send({ type: 'failed', id: null, error: serializeError(err) }),
      );
      break;
    case 'embed':
      onEmbed(msg);
      break;
    case 'cancel':
      jobs.delete(msg.id);
      queue?.remove(msg.id);
      break;
    case 'count':
      try {
        if (!model) throw new EmbedError('EMBEDDER_CLOSED', 'the embedder is not open');
        send({ type: 'counted', id: msg.id, tokens: model.countTokens(msg.text) });
      } catch (err) {
        send({ type: 'failed', id: msg.id, error: serializeError(err) });
      }
      break;
    case 'close':
      closing = true;
      void (async () => {
        // Wait for a run in progress: releasing a session mid-run crashes the native side.
        while (draining) await new Promise((resolve) => setTimeout(resolve, 5));
        await model?.close().catch(() => undefined);
        model = undefined;
        send({ type: 'closed' });
      })();
      break;
  }
});
