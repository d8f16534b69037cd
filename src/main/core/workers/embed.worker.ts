import { BatchQueue, type QueuedItem } from '../embed/batchQueue';
import { EmbedError } from '../embed/embedError';
import { openWorkerModel } from '../embed/openWorkerModel';
import type { EmbeddedTexts, EmbedWorkerProtocol } from '../embed/workerProtocol';
import type { WorkerModel } from '../embed/workerModel';
import { serveRpc, withTransfer, type Transferred } from '../workerRpc/serveRpc';

/**
 * Hosts one model's ONNX session off the caller's thread. Tokenising, batching, the model runs and
 * pooling all happen here; the caller only sanitises texts and copies vectors out.
 *
 * Chunks of every pending `embed()` call go into one BatchQueue (length-sorted, round robin between
 * calls). Between two model runs the event loop turns, so cancel and count requests are answered
 * within one batch's time.
 */

interface Job {
  reply: EmbeddedTexts;
  remaining: number;
  resolve(reply: Transferred<EmbeddedTexts>): void;
  reject(error: unknown): void;
}

let model: WorkerModel | undefined;
let queue: BatchQueue<unknown> | undefined;
let nextJob = 1;
const jobs = new Map<number, Job>();
let draining = false;
let closing = false;

function fail(jobId: number, err: unknown): void {
  jobs.get(jobId)?.reject(err);
  jobs.delete(jobId);
  queue?.remove(jobId);
}

function finishItems(batch: QueuedItem<unknown>[], vectors: Float32Array[]): void {
  batch.forEach((item, i) => {
    const job = jobs.get(item.jobId);
    if (!job) return; // cancelled while the batch ran
    const v = vectors[i]!;
    const reply = job.reply;
    if (reply.vectors.length === 0) reply.vectors = new Float32Array(reply.tokens.length * v.length);
    reply.dims = v.length;
    reply.vectors.set(v, item.index * v.length);
    if (--job.remaining === 0) {
      jobs.delete(item.jobId);
      job.resolve(withTransfer(reply, [reply.vectors.buffer as ArrayBuffer]));
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
      // Let cancel/count requests in before the next run.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    draining = false;
  }
}

function notOpen(): EmbedError {
  return new EmbedError('EMBEDDER_CLOSED', 'the embedder is not open');
}

serveRpc<EmbedWorkerProtocol>({
  open: async ({ source, threads, limits }) => {
    model = await openWorkerModel(source, { threads });
    queue = new BatchQueue(limits);
    return model.info;
  },
  embed: ({ texts, purpose }, { signal }) => {
    if (!model || !queue) throw notOpen();
    const prepared = texts.map((text) => model!.prepare(text, purpose));
    const reply: EmbeddedTexts = {
      dims: model.info.dims,
      vectors: new Float32Array(0),
      tokens: prepared.map((p) => p.tokens),
      truncated: prepared.map((p) => p.truncated),
    };
    if (prepared.length === 0) return reply;
    const jobId = nextJob++;
    const done = new Promise<Transferred<EmbeddedTexts>>((resolve, reject) =>
      jobs.set(jobId, { reply, remaining: prepared.length, resolve, reject }),
    );
    // A cancelled call's queued texts are dropped; its reply is never sent.
    signal.addEventListener('abort', () => fail(jobId, signal.reason), { once: true });
    queue.add(
      jobId,
      prepared.map((p) => p.payload),
      prepared.map((p) => p.length),
    );
    void drain();
    return done;
  },
  count: ({ text }) => {
    if (!model) throw notOpen();
    return model.countTokens(text);
  },
  close: async () => {
    closing = true;
    // Wait for a run in progress: releasing a session mid-run crashes the native side.
    while (draining) await new Promise((resolve) => setTimeout(resolve, 5));
    await model?.close().catch(() => undefined);
    model = undefined;
    return null;
  },
});
