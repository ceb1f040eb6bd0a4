import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/main/config/load-config';
import { PowerCore } from '../../../src/main/core/power-core';
import { createHttpServer, listen } from '../../../src/main/server/http-server';
import { readingAt, tempDb } from '../../helpers/history-db';
import { near } from '../../helpers/matchers';
import { contract } from '../../../src/shared/contract';
import { errorFrom } from '../../helpers/typed-json';

let db: ReturnType<typeof tempDb>;
let core: PowerCore;
let server: Server;
let base: string;
const T0 = Date.parse('2026-03-29T00:00:00+01:00');

beforeAll(async () => {
  db = tempDb();
  db.db.close();
  core = new PowerCore({ config: parseConfig({ source: { kind: 'simulated' }, storage: { retentionDays: 36_600 } }, 'test'), dbPath: db.path, log: () => undefined });
  core.writer.insert(Array.from({ length: 3600 }, (_, i) => readingAt(T0 + (i + 1) * 1000, 1500)));
  server = createHttpServer({ handlers: core.handlers, subscribe: () => () => undefined, initialEvents: () => [], staticDir: db.dir });
  const addr = await listen(server, 0, '127.0.0.1');
  base = `http://127.0.0.1:${addr.port}`;
});

afterAll(async () => {
  server.close();
  await core.stop();
  db.close();
});

const get = async (path: string): Promise<{ status: number; body: unknown }> => {
  const res = await fetch(base + path);
  return { status: res.status, body: (await res.json()) as unknown };
};

describe('GET /api/history and /api/energy', () => {
  it('answers a range given as ISO 8601 or as epoch ms alike', async () => {
    const iso = await get(`/api/history?from=2026-03-29T00:00:00%2B01:00&to=2026-03-29T01:00:00%2B01:00&maxPoints=100`);
    const ms = await get(`/api/history?from=${T0}&to=${T0 + 3_600_000}&maxPoints=100`);
    expect(iso.status).toBe(200);
    expect(iso.body).toEqual(ms.body);
    const history = contract.getHistory.response.parse(iso.body);
    expect(history.level).toBe('10s');
    expect(history.t.length).toBeLessThanOrEqual(100);
    // 10 s units: 40 s buckets, the finest whole number of them that fits 100 points.
    expect(history.t.length).toBeGreaterThanOrEqual(90);
    expect(history.mean[50]).toBeGreaterThan(1490);
  });

  it('gives energy per local day with its label, Wh and missing seconds, the hours after the last reading included', async () => {
    const r = await get(`/api/energy?from=${T0}&to=${T0 + 23 * 3_600_000}&per=day`);
    expect(r.status).toBe(200);
    // One hour of readings from 00:00:01: the first second and the 22 hours after them are missing.
    expect(r.body).toEqual([{ period: '2026-03-29', start: T0, end: T0 + 23 * 3_600_000, wh: near(1500, 0), missingS: 22 * 3600 + 1 }]);
  });

  it('reads a bare date as the local day in /api/history and /api/energy alike', async () => {
    const byDate = await get('/api/history?from=2026-03-29&to=2026-03-29&maxPoints=100');
    const byMs = await get(`/api/history?from=${T0}&to=${T0 + 23 * 3_600_000}&maxPoints=100`);
    expect(byDate.status).toBe(200);
    expect(byDate.body).toEqual(byMs.body);
    const energy = await get('/api/energy?from=2026-03-29&to=2026-03-29&per=day');
    expect(contract.getEnergy.response.parse(energy.body).map((row) => [row.start, row.end])).toEqual([[T0, T0 + 23 * 3_600_000]]);
  });

  it.each([
    ['/api/history?from=yesterday&to=2026-03-29&maxPoints=10', /field "from": expected an ISO 8601 date-time or epoch ms from 2000 on, got "yesterday"/],
    ['/api/history?from=2026-03-29&to=2026-03-28&maxPoints=10', /field "to": must be after "from"/],
    ['/api/history?from=2026-03-28&to=2026-03-29', /field "maxPoints"/],
    ['/api/history?from=2026-03-28&to=2026-03-29&maxPoints=0', /field "maxPoints"/],
    ['/api/history?from=2026-03-28&to=2026-03-29&maxPoints=10&extra=1', /unknown field "extra"/],
    ['/api/energy?from=2026-03-28&to=2026-03-29&per=week', /field "per"/],
    ['/api/energy?from=2026-02-30T25:00&to=2026-03-29&per=day', /field "from"/],
    ['/api/energy?from=1&from=2&to=3&per=day', /given more than once/],
  ])('rejects %s with a 400 naming the problem', async (path, message) => {
    const r = await get(path);
    expect(r.status).toBe(400);
    expect(errorFrom(r.body).message).toMatch(message);
  });
});
