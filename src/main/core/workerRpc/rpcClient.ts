import { abortReason, RpcError } from './rpcError';
import type { RpcEndpoint } from './rpcEndpoint';
import type {
  MethodOf,
  ProgressOf,
  ReplyOf,
  RequestOf,
  RpcProtocol,
  RpcReplyMessage,
  TransferList,
} from './rpcProtocol';

/** What a caller can do about a call in flight, from inside its progress listener. */
export interface CallControl {
  /** Pushes the call's time limit back by `ms` (e.g. per OCR'd page). No-op without a limit. */
  extendTimeout(ms: number): void;
}

export interface CallOptions<Progress = unknown> {
  /** Aborting rejects the call at once (see RpcClientOptions.abortError) and tells the worker to drop it. */
  signal?: AbortSignal;
  onProgress?: (progress: Progress, call: CallControl) => void;
  /** With no reply by then the worker is presumed stuck: it is terminated and the call rejects (TIMEOUT). */
  timeoutMs?: number;
  /** Buffers in `request` to move to the worker rather than copy. */
  transfer?: TransferList;
}

/** A typed call on one protocol (RpcClient.call, and what `init` / `close` hooks are handed). */
export type RpcCall<P extends RpcProtocol> = <M extends MethodOf<P>>(
  method: M,
  request: RequestOf<P, M>,
  options?: CallOptions<ProgressOf<P, M>>,
) => Promise<ReplyOf<P, M>>;

export interface RpcClientOptions<P extends RpcProtocol> {
  /** Names the worker in error messages ("map worker exited with code 1"). */
  name: string;
  /** Starts the worker; called on first use and again after it stopped (idle, crash, stop()). */
  start(): RpcEndpoint;
  /** Runs on each fresh worker before any call is sent to it (e.g. open a model); a failure stops it. */
  init?(call: RpcCall<P>): Promise<void>;
  /** Stops the worker after this long with nothing pending; the next call starts a new one. */
  idleStopMs?: number | null;
  /** Start a new worker after one exited on its own (default true); false: calls reject from then on. */
  restart?: boolean;
  /** Turns the channel's errors (exit, timeout, the worker's own `{code, message}`) into the caller's type. */
  toError?(error: RpcError): unknown;
  /** Aborted calls reject with this (default: the signal's reason, or an AbortError). */
  abortError?(signal: AbortSignal): unknown;
  /** Messages the worker sends outside any request. */
  onEvent?(name: string, payload: unknown): void;
  /** The worker exited or crashed on its own (not stop(), close() or an idle stop). */
  onExit?(error: RpcError): void;
}

interface Connection {
  endpoint: RpcEndpoint;
  /** Settles when `init` has run on this worker. */
  ready: Promise<void>;
  /** Why it ended, once it has; set before its pending calls are rejected. */
  ended?: RpcError;
}

interface Pending {
  connection: Connection;
  method: string;
  /** Sent by `init`: close() lets it finish rather than cutting a model open half-way. */
  fromInit: boolean;
  resolve(reply: unknown): void;
  reject(error: unknown): void;
  onProgress?: (progress: unknown, call: CallControl) => void;
  startedAt?: number;
  deadline?: number;
  timer?: NodeJS.Timeout;
  cleanup?: () => void;
}

/**
 * The caller's end of a worker: request/reply with ids and a pending map, progress, cancel, time
 * limits, an idle stop, and one rule for endings: when the worker exits, crashes or is stopped, every
 * call pending on it rejects with `{code, message}` and the next call starts a fresh worker.
 * While calls are pending the worker holds the process open (ref); while idle it does not.
 */
export class RpcClient<P extends RpcProtocol> {
  private connection: Connection | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | undefined;
  private closed = false;
  /** With `restart: false`, why the worker is gone for good. */
  private gone: RpcError | null = null;

  constructor(private readonly options: RpcClientOptions<P>) {}

  /** Calls awaiting a reply. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** Whether a worker is running (or starting). */
  get running(): boolean {
    return this.connection !== null;
  }

  /** Starts the worker now rather than on the first call; resolves once `init` has run. */
  async start(): Promise<void> {
    await this.connect().ready;
  }

  /** Sends `request` to `method` and resolves with its reply. */
  readonly call: RpcCall<P> = async (method, request, options = {}) => {
    const connection = this.connect();
    await connection.ready;
    if (connection !== this.connection) {
      throw this.toError(connection.ended ?? new RpcError('WORKER_EXITED', `${this.options.name} stopped`));
    }
    return this.send(connection, method, request, options, false) as never;
  };

  /** Terminates the worker now; pending calls reject with `reason` (WORKER_STOPPED by default). */
  async stop(reason?: RpcError): Promise<void> {
    const connection = this.connection;
    if (connection) {
      await this.end(
        connection,
        reason ?? new RpcError('WORKER_STOPPED', `${this.options.name} was stopped`),
      );
    }
  }

  /**
   * Rejects pending calls (CLOSED) and refuses new ones, lets a running `init` finish, runs `goodbye`
   * on the worker (e.g. release a native session cleanly), then terminates it. Safe to call twice.
   */
  async close(goodbye?: (call: RpcCall<P>) => Promise<unknown>): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.clearIdle();
    const closed = new RpcError('CLOSED', `${this.options.name} was closed`);
    for (const [id, entry] of this.pending) {
      if (entry.fromInit) continue;
      this.settle(id);
      this.sendCancel(entry.connection, id);
      entry.reject(this.toError(closed));
    }
    const connection = this.connection;
    if (!connection) return;
    await connection.ready.catch(() => undefined);
    if (goodbye && !connection.ended) {
      await goodbye(((method, request, options = {}) =>
        this.send(connection, method, request, options, true)) as RpcCall<P>).catch(() => undefined);
    }
    await this.end(connection, closed);
  }

  private connect(): Connection {
    if (this.closed) throw this.toError(new RpcError('CLOSED', `${this.options.name} is closed`));
    if (this.gone) throw this.toError(this.gone);
    if (this.connection) return this.connection;
    const endpoint = this.options.start();
    const connection: Connection = { endpoint, ready: Promise.resolve() };
    this.connection = connection;
    endpoint.unref?.();
    endpoint.onMessage((message) => this.receive(message));
    endpoint.onExit((error) => this.exited(connection, error));
    const init = this.options.init;
    if (init) {
      const call = ((method, request, options = {}) =>
        this.send(connection, method, request, options, true)) as RpcCall<P>;
      connection.ready = init(call).catch(async (error: unknown) => {
        await this.end(connection, new RpcError('WORKER_STOPPED', `${this.options.name} failed to start`));
        throw error;
      });
      connection.ready.catch(() => undefined); // a failed init is reported to the calls awaiting it
    }
    return connection;
  }

  private send(
    connection: Connection,
    method: string,
    request: unknown,
    options: CallOptions<never>,
    fromInit: boolean,
  ): Promise<unknown> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(this.abortError(signal));
    if (connection.ended) return Promise.reject(this.toError(connection.ended));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const entry: Pending = { connection, method, fromInit, resolve, reject };
      if (options.onProgress) entry.onProgress = options.onProgress as Pending['onProgress'];
      if (signal) {
        const onAbort = (): void => {
          if (!this.settle(id)) return;
          this.sendCancel(connection, id);
          reject(this.abortError(signal));
        };
        signal.addEventListener('abort', onAbort, { once: true });
        entry.cleanup = () => signal.removeEventListener('abort', onAbort);
      }
      if (options.timeoutMs !== undefined) this.armTimeout(id, entry, Date.now() + options.timeoutMs);
      this.pending.set(id, entry);
      this.clearIdle();
      if (this.pending.size === 1) connection.endpoint.ref?.();
      try {
        connection.endpoint.send({ rpc: 'request', id, method, request }, options.transfer);
      } catch (error) {
        this.settle(id);
        reject(this.toError(new RpcError('WORKER_EXITED', `${this.options.name} is gone`, { cause: error })));
      }
    });
  }

  private receive(message: RpcReplyMessage): void {
    if (message.rpc === 'event') {
      this.options.onEvent?.(message.name, message.payload);
      return;
    }
    const entry = this.pending.get(message.id);
    if (!entry) return; // cancelled, timed out, or its worker was stopped
    if (message.rpc === 'progress') {
      entry.onProgress?.(message.progress, {
        extendTimeout: (ms) =>
          entry.deadline !== undefined && this.armTimeout(message.id, entry, entry.deadline + ms),
      });
      return;
    }
    this.settle(message.id);
    if (message.rpc === 'reply') entry.resolve(message.reply);
    else entry.reject(this.toError(new RpcError(message.error.code, message.error.message)));
  }

  /** (Re)arms a call's time limit; at the deadline the call rejects and its worker is terminated. */
  private armTimeout(id: number, entry: Pending, deadline: number): void {
    clearTimeout(entry.timer);
    entry.startedAt ??= Date.now();
    entry.deadline = deadline;
    entry.timer = setTimeout(() => this.timedOut(id, entry), deadline - Date.now());
  }

  private timedOut(id: number, entry: Pending): void {
    if (!this.settle(id)) return;
    const seconds = ((entry.deadline ?? 0) - (entry.startedAt ?? 0)) / 1000;
    const limit = `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
    const { name } = this.options;
    entry.reject(
      this.toError(new RpcError('TIMEOUT', `${name}: no reply to ${entry.method} within ${limit}`)),
    );
    const reason = new RpcError('WORKER_STOPPED', `${name} was stopped: a ${entry.method} call timed out`);
    void this.end(entry.connection, reason);
  }

  /** Forgets a pending call (its reply will be ignored); false if it was not pending. */
  private settle(id: number): boolean {
    const entry = this.pending.get(id);
    if (!entry) return false;
    this.pending.delete(id);
    clearTimeout(entry.timer);
    entry.cleanup?.();
    if (this.pending.size === 0) {
      entry.connection.endpoint.unref?.();
      this.armIdle();
    }
    return true;
  }

  private sendCancel(connection: Connection, id: number): void {
    if (connection.ended) return;
    try {
      connection.endpoint.send({ rpc: 'cancel', id });
    } catch {
      // the worker is already gone; nothing to cancel
    }
  }

  /** Ends a connection on purpose: its calls reject with `reason`, the worker is terminated. */
  private async end(connection: Connection, reason: RpcError): Promise<void> {
    if (!connection.ended) {
      connection.ended = reason;
      if (this.connection === connection) this.connection = null;
      this.rejectAll(connection, reason);
    }
    await connection.endpoint.terminate();
  }

  /** The worker went away on its own (or after end(), which already handled it). */
  private exited(connection: Connection, error: RpcError): void {
    if (connection.ended) return;
    connection.ended = error;
    if (this.connection === connection) this.connection = null;
    if (this.options.restart === false) this.gone = error;
    this.rejectAll(connection, error);
    this.options.onExit?.(error);
  }

  private rejectAll(connection: Connection, error: RpcError): void {
    for (const [id, entry] of this.pending) {
      if (entry.connection !== connection) continue;
      this.settle(id);
      entry.reject(this.toError(error));
    }
  }

  private armIdle(): void {
    const idleMs = this.options.idleStopMs;
    if (idleMs === null || idleMs === undefined || !this.connection) return;
    this.clearIdle();
    const connection = this.connection;
    this.idleTimer = setTimeout(() => {
      if (this.pending.size === 0 && this.connection === connection) {
        void this.end(connection, new RpcError('WORKER_STOPPED', `${this.options.name} stopped when idle`));
      }
    }, idleMs);
    this.idleTimer.unref();
  }

  private clearIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  private toError(error: RpcError): unknown {
    return this.options.toError ? this.options.toError(error) : error;
  }

  private abortError(signal: AbortSignal): unknown {
    return this.options.abortError ? this.options.abortError(signal) : abortReason(signal);
  }
}
