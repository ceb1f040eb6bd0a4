import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/main/config/load-config';
import { PowerCore } from '../../../src/main/core/power-core';
import { createHttpServer, listen } from '../../../src/main/server/http-server';
import { openDatabase } from '../../../src/main/storage/database';
import { addDays, daysInMonth, localDateKey, startOfDate } from '../../../src/shared/local-time';
import { dbWithReadings, tempDir } from '../../helpers/readings-db';
import { bodyOf, errorOf, readJson } from '../../helpers/typed-json';
import type { Config } from '../../../src/main/config/config-schema';

const TZ = 'Europe/Paris';
const yesterday = addDays(localDateKey(Date.now(), TZ), -1);
const from = startOfDate(yesterday, TZ) + 10 * 3_600_000;
const dir = tempDir();
const stickRoot = join(dir, 'media', 'pi');
const stick = join(stickRoot, 'KEY');
let core: PowerCore;
let base = '';
let server: ReturnType<typeof createHttpServer>;

beforeAll(async () => {
  const dbPath = dbWithReadings(from, from + 3_600_000, 500, () => 10, dir);
  mkdirSync(stick, { recursive: true });
  writeFileSync(join(dir, 'mounts'), `/dev/sdz1 ${stick} vfat rw,nosuid 0 0\n`);
  const configPath = join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify({ source: { kind: 'simulated' } }));
  core = new PowerCore({
    config: parseConfig(JSON.parse(readFileSync(configPath, 'utf8')), configPath),
    dbPath,
    configPath,
    media: { mountsFile: join(dir, 'mounts'), mediaDirs: [stickRoot] },
    log: () => {},
  });
  server = createHttpServer({
    handlers: core.handlers,
    subscribe: (l) => core.hub.subscribe(l),
    initialEvents: () => [],
    staticDir: dir,
    csvExport: { openReader: () => openDatabase(dbPath, { readonly: true }), calibration: () => core.currentConfig.calibration, timeZone: () => TZ },
  });
  core.start();
  const addr: AddressInfo = await listen(server, 0, '127.0.0.1');
  base = `http://127.0.0.1:${addr.port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await core.stop();
  rmSync(dir, { recursive: true, force: true });
});

const post = (path: string, body: unknown, type = 'application/json') =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'Content-Type': type, Origin: base }, body: JSON.stringify(body) });

describe('kiosk operations over HTTP', () => {
  it('saves settings from loopback, applies them at once, and refuses non-JSON posts', async () => {
    const view = await bodyOf('getSettings', fetch(`${base}/api/settings`));
    expect(view.settings.timeZone).toBe('Europe/Paris');
    expect((await post('/api/settings', { settings: view.settings }, 'text/plain')).status).toBe(415);
    const bad = await post('/api/settings', { settings: { ...view.settings, gaugeMaxW: 1 } });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).message).toMatch(/settings\.gaugeMaxW/);
    const r = await post('/api/settings', { settings: { ...view.settings, subscribedKva: 9, language: 'en' } });
    expect(r.status).toBe(200);
    const status = await bodyOf('getStatus', fetch(`${base}/api/status`));
    expect(status.display).toMatchObject({ subscribedVa: 9000, language: 'en' });
    expect(readJson<Partial<Config>>(join(dir, 'config.json')).source).toEqual({ kind: 'simulated' });
    expect((await fetch(`${base}/api/settings`, { method: 'PUT' })).status).toBe(405);
  });

  it('prices yesterday from the stored readings', async () => {
    const days = await bodyOf('getDailyCost', fetch(`${base}/api/cost/days?from=${yesterday}&to=${yesterday}`));
    const wh = (639.9 * (3600 - 0.5)) / 3600;
    expect(days).toHaveLength(1);
    expect(days[0]!.wh).toBeCloseTo(wh, 6);
    expect(days[0]!.energyEur).toBeCloseTo((wh / 1000) * 0.2016, 9);
    const [y, m] = yesterday.split('-').map(Number);
    expect(days[0]!.subscriptionEur).toBeCloseTo(15.47 / daysInMonth(y!, m!), 9);
  });

  it('streams /api/export.csv and rejects a bad query with 400', async () => {
    const res = await fetch(`${base}/api/export.csv?from=${yesterday}&to=${yesterday}&resolution=1min&locale=fr`);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await res.text()).split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(61);
    expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\dT10:00:00\.000\+0[12]:00;639,9;2,700;/);
    const bad = await fetch(`${base}/api/export.csv?from=${yesterday}&to=later&resolution=1min`);
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).message).toMatch(/"to"/);
  });

  it('exports to the USB stick from the dialog and reports rows and place', async () => {
    const started = await bodyOf('startExport', post('/api/export', { range: { preset: 'yesterday' }, resolution: 'raw', locale: 'en' }));
    expect(started).toMatchObject({ state: 'running', total: 7200, destination: { kind: 'usb', dir: stick, device: '/dev/sdz1' } });
    await core.kiosk.exports.idle();
    const done = await bodyOf('getExport', fetch(`${base}/api/export/job?id=${started.id}`));
    expect(done).toMatchObject({ state: 'done', rows: 7200 });
    if (done.state !== 'done') throw new Error(`export ended ${done.state}`);
    expect(readdirSync(stick)).toEqual([`corcy-power_${yesterday}_${yesterday}_raw.csv`]);
    expect(readFileSync(done.file, 'utf8').split('\r\n')).toHaveLength(7202);
  });

  it('answers 404, not 500, for an export job that does not exist', async () => {
    const r = await fetch(`${base}/api/export/job?id=999`);
    expect(r.status).toBe(404);
    expect(await errorOf(r)).toEqual({ code: 'not_found', message: 'getExport: no export job 999' });
  });

  it('takes a Tempo colour by touch and gives it back', async () => {
    const days = await bodyOf('getTempoDays', fetch(`${base}/api/tempo`));
    const tomorrow = days.days[1]!.date;
    expect(days.days.map((d) => d.colour)).toEqual([null, null]);
    const set = await bodyOf('setTempoColour', post('/api/tempo', { date: tomorrow, colour: 'red' }));
    expect(set.days[1]).toEqual({ date: tomorrow, colour: 'red' });
    expect(readJson<Record<string, string>>(join(dir, 'tempo-colours.json'))).toEqual({ [tomorrow]: 'red' });
    expect((await post('/api/tempo', { date: tomorrow, colour: 'green' })).status).toBe(400);
  });
});
