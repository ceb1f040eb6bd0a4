import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LiveEvent } from '../../shared/contract';
import { SECURITY_HEADERS } from './security-headers';

export interface LiveSource {
  subscribe(listener: (e: LiveEvent) => void): () => void;
  /** The first events each browser gets, so it never waits for a change to draw. */
  initialEvents(): LiveEvent[];
}

export interface LiveLimits {
  /** A client that has not taken anything for this long is dropped. */
  stallMs: number;
  heartbeatMs: number;
}

export const LIVE_LIMITS: LiveLimits = { stallMs: 60_000, heartbeatMs: 15_000 };

/**
 * One SSE client. `res.write` queues in the process whatever the socket does not
 * take, so a browser tab that stopped reading would grow memory without end.
 * Past the stream's 16 KiB, events are not written but held, one per type, the
 * latest replacing the older: a client that catches up gets the current status
 * and reading, not a backlog. A client that takes nothing for a minute is cut.
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
  const write = (text: string): void => {
    // false: past the stream's high-water mark (16 KiB); 'drain' follows once it is taken.
    if (!res.write(text) && stall === null) {
      stall = setTimeout(() => res.destroy(), limits.stallMs);
    }
  };
  const send = (e: LiveEvent): void => {
    if (res.destroyed) return;
    if (stall !== null) held.set(e.type, e);
    else write(`data: ${JSON.stringify(e)}\n\n`);
  };
  const drained = (): void => {
    if (stall !== null) clearTimeout(stall);
    stall = null;
    const backlog = [...held.values()];
    held.clear();
    for (const e of backlog) send(e);
  };
  res.on('drain', drained);
  for (const e of src.initialEvents()) send(e);
  const unsubscribe = src.subscribe(send);
  const heartbeat = setInterval(() => {
    if (stall === null) write(': keep-alive\n\n');
  }, limits.heartbeatMs);
  const close = (): void => {
    clearInterval(heartbeat);
    if (stall !== null) clearTimeout(stall);
    held.clear();
    unsubscribe();
  };
  res.on('close', close);
  res.on('error', close);
}
