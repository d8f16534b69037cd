import type { EventName, EventOf, InputOf, MethodName, OutputOf } from './contract';
import { LociError, isApiError } from './errors';

/**
 * What a face must provide to talk to the core: Electron's preload bridge (`window.loci`), HTTP + SSE,
 * or an in-process dispatcher in tests. Untyped on purpose; `createClient` adds the types.
 */
export interface Transport {
  invoke(method: string, input: unknown): Promise<unknown>;
  on(event: string, callback: (payload: unknown) => void): () => void;
}

export interface LociClient {
  call<M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>>;
  on<E extends EventName>(event: E, callback: (payload: EventOf<E>) => void): () => void;
}

/** Typed client over any transport. Errors arrive as `LociError` with the core's code. */
export function createClient(transport: Transport): LociClient {
  return {
    async call(method, input) {
      try {
        return (await transport.invoke(method, input)) as never;
      } catch (err) {
        if (err instanceof LociError) throw err;
        if (isApiError(err)) throw new LociError(err.code, err.message);
        throw new LociError('UNAVAILABLE', err instanceof Error ? err.message : String(err));
      }
    },
    on(event, callback) {
      return transport.on(event, callback as (payload: unknown) => void);
    },
  };
}
