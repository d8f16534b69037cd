import { RpcClient, type RpcCall } from '../workerRpc/rpcClient';
import { workerThreadEndpoint } from '../workerRpc/rpcEndpoint';
import type { RpcError } from '../workerRpc/rpcError';
import { spawnWorker } from '../workers/spawnWorker';
import type { BatchLimits } from './batchQueue';
import { abortError, API_CODE_FOR, EmbedError, type EmbedErrorCode } from './embedError';
import type { ModelInfo } from './types';
import type { ModelSource } from './workerModel';
import type { EmbedWorkerProtocol } from './workerProtocol';

/** How long a closing worker gets to release its session before it is terminated anyway. */
const CLOSE_GRACE_MS = 5_000;

/**
 * The caller's end of one embed worker: starts it and opens the model in it (again after a crash:
 * the next call starts a fresh worker), and speaks EmbedError on this side of the boundary. The
 * worker is unref'd while idle, so a forgotten embedder never keeps a CLI process alive.
 */
export class EmbedWorkerClient {
  private info: ModelInfo | undefined;
  private readonly rpc: RpcClient<EmbedWorkerProtocol>;

  constructor(source: ModelSource, threads: number, limits: BatchLimits) {
    this.rpc = new RpcClient<EmbedWorkerProtocol>({
      name: 'embed worker',
      start: () => workerThreadEndpoint(spawnWorker('embed'), 'embed worker'),
      init: async (call) => {
        this.info = await call('open', { source, threads, limits });
      },
      toError: toEmbedError,
      abortError,
    });
  }

  /** Starts the worker and opens the model (again, after a crash); resolves to the model's info. */
  async start(): Promise<ModelInfo> {
    await this.rpc.start();
    return this.info!;
  }

  /** A typed request; `signal` aborting rejects with an AbortError and drops the request's texts. */
  readonly call: RpcCall<EmbedWorkerProtocol> = (method, request, options) =>
    this.rpc.call(method, request, options);

  /** Rejects outstanding requests, releases the session, ends the worker. Safe to call twice. */
  close(): Promise<void> {
    return this.rpc.close((call) => call('close', null, { timeoutMs: CLOSE_GRACE_MS }));
  }
}

/** The channel's errors as EmbedErrors: the worker's own codes kept, a lost worker EMBED_FAILED. */
function toEmbedError(error: RpcError): EmbedError {
  if (error.code === 'CLOSED') return new EmbedError('EMBEDDER_CLOSED', 'the embedder was closed');
  if (error.code in API_CODE_FOR) return new EmbedError(error.code as EmbedErrorCode, error.message);
  if (error.code === 'WORKER_EXITED' || error.code === 'WORKER_STOPPED' || error.code === 'TIMEOUT')
    return new EmbedError('EMBED_FAILED', `the embed worker stopped: ${error.message}`);
  return new EmbedError('EMBED_FAILED', error.message); // ONNX Runtime failed on a batch, say
}
