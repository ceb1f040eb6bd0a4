import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LiveEvent } from '../../shared/contract';
import { SECURITY_HEADERS } from './security-headers';

export interface LiveSource {
  subscribe: (listener: (e: LiveEvent) => void) => () => void;
  /** The first events each browser gets, so it never waits for a change to draw. */
  initialEvents: () => LiveEvent[];
}

export interface LiveLimits {
  /** Bytes queued in the process for one client past which events are held, not written. */
  maxQueuedBytes: number;
  /** A client that has not taken anything for this long is dropped. */
  stallMs: number;
  heartbeatMs: number;
}

const RETRY_MS = 200;

const LIVE_LIMITS: LiveLimits = { maxQueuedBytes: 16 * 1024, stallMs: 60_000, heartbeatMs: 15_000 };

/**
 * One SSE client. `res.write` queues in the process whatever the socket does not
 * take, so a browser tab that stopped reading would grow memory without end.
 * Past 16 KiB queued, events are not written but held, one per type, the latest
 * replacing the older: a client that catches up gets the current status and
 * reading, not a backlog. A client that takes nothing for a minute is cut.
 */
export function openLiveStream(req: IncomingMessage, res: ServerResponse, src: LiveSource, limits: LiveLimits = LIVE_LIMITS): void {
  req.socket.setNoDelay(true);
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  const held = new Map<LiveEvent['type'], LiveEvent>();
  let stall: NodeJS.Timeout | null = null;
  // 'drain' comes only after a write past the stream's own 64 KiB mark: look again now and then.
  let retry: NodeJS.Timeout | null = null;
  const settle = (): void => {
    if (stall !== null) clearTimeout(stall);
    if (retry !== null) clearInterval(retry);
    stall = retry = null;
  };
  /** Writes what is held when the client has taken enough; true when it has. */
  const catchUp = (): boolean => {
    if (res.destroyed) return false;
    if (res.writableLength > limits.maxQueuedBytes) {
      stall ??= setTimeout(() => res.destroy(), limits.stallMs);
      retry ??= setInterval(catchUp, RETRY_MS);
      return false;
    }
    settle();
    for (const e of held.values()) res.write(`data: ${JSON.stringify(e)}\n\n`);
    held.clear();
    return true;
  };
  const send = (e: LiveEvent): void => {
    held.set(e.type, e);
    catchUp();
  };
  res.on('drain', catchUp);
  for (const e of src.initialEvents()) send(e);
  const unsubscribe = src.subscribe(send);
  const heartbeat = setInterval(() => {
    if (catchUp()) res.write(': keep-alive\n\n');
  }, limits.heartbeatMs);
  const close = (): void => {
    clearInterval(heartbeat);
    settle();
    held.clear();
    unsubscribe();
  };
  res.on('close', close);
  res.on('error', close);
}
