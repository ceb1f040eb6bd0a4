import { renameSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CALIBRATION } from '../../../src/main/acquisition/calibration';
import { type CsvExportSource, streamCsvExport } from '../../../src/main/server/export-route';
import { createHttpServer, listen } from '../../../src/main/server/http-server';
import { queryToObject } from '../../../src/main/server/query';
import { openDatabase } from '../../../src/main/storage/database';
import { DEFAULT_WRITER, HistoryWriter } from '../../../src/main/storage/history-writer';
import { dbWithReadings, stored } from '../../helpers/readings-db';
import { useTempDir } from '../../helpers/temp-dir';
import { until } from '../../helpers/until';

const tmp = useTempDir();
const T0 = Date.UTC(2026, 0, 5);
const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    s.close();
  }
});

const source = (dbPath: string): CsvExportSource => ({
  openReader: () => openDatabase(dbPath, { readonly: true }),
  calibration: () => DEFAULT_CALIBRATION,
  timeZone: () => 'Europe/Paris',
});

async function serveDoor(dbPath: string): Promise<string> {
  const server = createHttpServer({ handlers: {} as never, subscribe: () => () => undefined, initialEvents: () => [], staticDir: tmp(), csvExport: source(dbPath) });
  servers.push(server);
  return `http://127.0.0.1:${(await listen(server, 0, '127.0.0.1')).port}`;
}

/** A GET whose body the test reads only when it says so, like a stalled browser download. */
function stalledGet(url: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      res.pause();
      resolve(res);
    }).on('error', reject);
  });
}

const EXPORT = `/api/export.csv?from=${T0}&to=${T0 + 86_400_000}&resolution=raw`;

describe('GET /api/export.csv under bad luck', () => {
  it('answers 503 naming the database when its file was moved away, and the server lives on', async () => {
    const dbPath = dbWithReadings(T0, T0 + 60_000, 500, () => 10, tmp());
    const base = await serveDoor(dbPath);
    renameSync(dbPath, `${dbPath}.moved`);
    const r = await fetch(base + EXPORT);
    expect(r.status).toBe(503);
    expect(((await r.json()) as { error: { message: string } }).error.message).toContain(dbPath);
    renameSync(`${dbPath}.moved`, dbPath);
    expect((await fetch(base + EXPORT)).status).toBe(200);
  });

  it('lets the WAL be checkpointed while a client stalls mid-export, then still sends every row', async () => {
    const rows = 300_000;
    const dbPath = dbWithReadings(T0, T0 + rows * 250, 250, (t) => 5 + (t % 7), tmp());
    const base = await serveDoor(dbPath);
    const res = await stalledGet(`${base}/api/export.csv?from=${T0}&to=${T0 + rows * 250}&resolution=raw`);
    const writer = new HistoryWriter(openDatabase(dbPath), DEFAULT_WRITER);
    let ended = false;
    res.on('end', () => (ended = true));
    // Acquisition goes on: each batch must be checkpointable, or the WAL grows for as long as the client stalls.
    let t = T0 + rows * 250;
    const checkpointed = (): boolean => {
      writer.insert(Array.from({ length: 50 }, () => stored((t += 250), 8)));
      const [r] = writer.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
      return r!.busy === 0 && r!.log === r!.checkpointed;
    };
    await until(checkpointed, 5000, 50);
    expect(ended).toBe(false);
    let lines = 0;
    res.setEncoding('utf8').on('data', (d: string) => (lines += d.split('\n').length - 1));
    res.resume();
    await until(() => ended, 20_000);
    expect(lines).toBe(rows + 1);
    writer.db.close();
  });

  it('cuts a client that takes nothing for the idle time, and closes its connection to the database', async () => {
    const dbPath = dbWithReadings(T0, T0 + 300_000 * 250, 250, () => 10, tmp());
    let closedDb = 0;
    const src = source(dbPath);
    let served: ServerResponse | null = null;
    const server = createServer((req, res) => {
      served = res;
      const q = queryToObject(new URL(req.url!, 'http://x').searchParams);
      const db = src.openReader();
      const close = db.close.bind(db);
      db.close = () => (closedDb++, close());
      void streamCsvExport(q.ok ? q.value : {}, res, { ...src, openReader: () => db }, 300);
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const res = await stalledGet(`http://127.0.0.1:${(server.address() as AddressInfo).port}${EXPORT}`);
    await until(() => closedDb === 1, 10_000);
    expect(served!.destroyed).toBe(true);
    res.destroy();
  });

  it('adds no listener per blocked write: a long export to a slow reader raises no MaxListenersExceededWarning', async () => {
    const dbPath = dbWithReadings(T0, T0 + 60_000 * 250, 250, () => 10, tmp());
    const base = await serveDoor(dbPath);
    const warnings: string[] = [];
    const onWarning = (w: Error): void => void warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const res = await stalledGet(base + EXPORT);
      let bytes = 0;
      let ended = false;
      res.on('data', (d: Buffer) => {
        bytes += d.length;
        res.pause();
        setTimeout(() => res.resume(), 1);
      });
      res.on('end', () => (ended = true));
      res.resume();
      await until(() => ended, 20_000);
      expect(bytes).toBeGreaterThan(2_000_000);
      await new Promise((r) => setImmediate(r));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });
});
