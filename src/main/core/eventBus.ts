import { EventEmitter } from 'node:events';
import type { EventName, EventOf } from '../../shared/api/contract';

/** Typed fan-out of core events to every face that listens (IPC relay, SSE clients, CLI progress). */
export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Many SSE clients and windows may listen; this is not a leak.
    this.emitter.setMaxListeners(0);
  }

  emit<E extends EventName>(event: E, payload: EventOf<E>): void {
    this.emitter.emit(event, payload);
  }

  on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  /** Listens to every event; used by transports that forward all of them. */
  onAny(listener: (event: EventName, payload: unknown) => void, names: readonly EventName[]): () => void {
    const offs = names.map((name) => this.on(name, (payload) => listener(name, payload)));
    return () => offs.forEach((off) => off());
  }
}
