import { type Server, type ServerResponse, createServer } from 'node:http';
import { type AddressInfo, type Socket, connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../../src/shared/contract';
import { EventHub } from '../../../src/main/core/event-hub';
import { openLiveStream } from '../../../src/main/server/live-stream';
import { until } from '../../helpers/until';

let server: Server | null = null;
const sockets: Socket[] = [];
afterEach(() => {
  for (const s of sockets.splice(0)) s.destroy();
  server?.closeAllConnections();
  server?.close();
  server = null;
});

const reading = (t: number): LiveEvent => ({
  type: 'reading',
  reading: { t, channel: 0, mean: 511, min: 500, max: 520, rms: 3, currentA: 0.81, powerW: 192, flags: 0 },
});

async function start(stallMs: number): Promise<{ hub: EventHub; port: number; responses: ServerResponse[] }> {
  const hub = new EventHub();
  const responses: ServerResponse[] = [];
  server = createServer((req, res) => {
    responses.push(res);
    openLiveStream(req, res, { subscribe: (l) => hub.subscribe(l), initialEvents: () => [] }, { maxQueuedBytes: 16 * 1024, stallMs, heartbeatMs: 60_000 });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { hub, port: (server.address() as AddressInfo).port, responses };
}

/** A browser tab that stopped reading: the socket is paused, so the kernel's buffers fill and then the server's. */
function silentClient(port: number): Socket {
  const s = connect(port, '127.0.0.1');
  s.write('GET /api/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  s.pause();
  sockets.push(s);
  return s;
}

describe('openLiveStream()', () => {
  it('keeps what waits for a client that does not read small, and gives it the latest reading when it reads again', async () => {
    const { hub, port, responses } = await start(60_000);
    const s = silentClient(port);
    await until(() => responses.length === 1);
    const res = responses[0]!;
    let t = 0;
    // Far more than the kernel holds: tens of MB if every event were queued.
    for (let i = 0; i < 60_000; i++) hub.publish(reading(++t));
    // 16 KiB and one event, not 60,000 of them.
    expect(res.writableLength).toBeLessThan(17 * 1024);
    let text = '';
    s.setEncoding('utf8').on('data', (d: string) => (text += d));
    s.resume();
    // Readings keep coming: the next one after the client reads again is written at once.
    hub.publish(reading(++t));
    await until(() => text.includes(`"t":${t},`), 10_000);
    hub.publish(reading(++t));
    await until(() => text.includes(`"t":${t},`), 5000);
    // What was written before the client stalled, and the latest: not a backlog of 60,000.
    expect(text.split('data: ').length).toBeLessThan(1000);
    expect(hub.size).toBe(1);
  });

  it('drops a client that takes nothing for the stall time, and its subscription with it', async () => {
    const { hub, port, responses } = await start(300);
    silentClient(port);
    await until(() => responses.length === 1);
    // Events keep coming until the kernel's buffers are full too, then the client is stuck.
    let t = 0;
    const feed = setInterval(() => {
      for (let i = 0; i < 200; i++) hub.publish(reading(++t));
    }, 1);
    await until(() => hub.size === 0 && responses[0]!.destroyed, 10_000).finally(() => clearInterval(feed));
    expect(hub.size).toBe(0);
  });
});
