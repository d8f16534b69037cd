import type { ServerResponse } from 'node:http';
import type { EventBus } from '../core/eventBus';
import { eventNames } from '../../shared/api/contract';

/**
 * Streams every core event to one client as Server-Sent Events (`event: <name>` + JSON data), with a
 * heartbeat comment so proxies and idle timeouts don't cut the stream.
 */
export function streamEvents(
  res: ServerResponse,
  events: EventBus,
  headers: Record<string, string>,
): () => void {
  res.writeHead(200, {
    ...headers,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  res.write(': connected\n\n');
  const off = events.onAny((name, payload) => {
    res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
  }, eventNames);
  const heartbeat = setInterval(() => res.write(': ping\n\n'), 15_000);
  heartbeat.unref();
  const stop = () => {
    clearInterval(heartbeat);
    off();
  };
  res.on('close', stop);
  return stop;
}
