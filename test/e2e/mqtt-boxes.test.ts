import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectAsync } from 'mqtt';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/storage/database';
import { launchChromium, openWatchedPage } from '../helpers/chromium';
import { type Broker, startBroker } from '../helpers/mosquitto';
import { type Served, startServe } from '../helpers/serve';
import { until } from '../helpers/until';
import type { Config } from '../../src/main/config/config-schema';
import { readJson } from '../helpers/typed-json';

/** Two simulated boxes, the hall (whose screen shows the others) and the garage, on one real Mosquitto. */
describe('several boxes on one broker, seen from one kiosk', () => {
  let dir: string;
  let broker: Broker;
  let browser: Browser;
  let hall: Served;
  let garage: Served;

  const configFor = (node: string, over: Record<string, unknown> = {}): string => {
    const file = join(dir, `${node}.json`);
    const mqtt = { enabled: true, url: broker.url, username: broker.user, password: broker.password, node, powerIntervalS: 0.5, ...over };
    writeFileSync(file, JSON.stringify({ source: { kind: 'simulated', seed: node.length }, mqtt }));
    return file;
  };
  const serve = (node: string, over: Record<string, unknown> = {}) => startServe(['--db', join(dir, `${node}.db`), '--config', configFor(node, over)]);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'corcy-mqtt-e2e-'));
    broker = await startBroker(dir);
    hall = await serve('hall', { showOthers: true });
    garage = await serve('garage');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await hall?.stop();
    await garage?.stop();
    await broker?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the other box beside its own power and in a house total, and marks it stale when it goes away', async () => {
    const { page, problems } = await openWatchedPage(browser, { width: 800, height: 480 });
    await page.goto(hall.url);
    await expect.poll(() => page.getByTestId('status-mqtt').getAttribute('data-state'), { timeout: 15_000 }).toBe('connected');
    const garageRow = page.locator('[data-node="garage"]');
    await expect.poll(() => garageRow.getAttribute('data-stale'), { timeout: 15_000 }).toBe('false');
    // The total is this box's power plus the garage's, as shown.
    const watts = (s: string | null) => Number((s ?? '').replace(/[^\d,]/g, '').replace(',', '.')) * (/kW/.test(s ?? '') ? 1000 : 1);
    await expect
      .poll(
        async () => {
          const total = Number(await page.getByTestId('house-total').getAttribute('data-watts'));
          const own = watts(await page.locator('.other-box-own .other-box-power').textContent());
          const other = watts(await garageRow.locator('.other-box-power').textContent());
          return Math.abs(total - (own + other)) <= 20; // kW shown to 10 W
        },
        { timeout: 10_000 },
      )
      .toBe(true);

    // SIGKILL: no goodbye; the broker publishes the garage's last will.
    await garage.stop('SIGKILL');
    await expect.poll(() => garageRow.getAttribute('data-stale'), { timeout: 15_000 }).toBe('true');
    await expect.poll(async () => (await garageRow.textContent()) ?? '', { timeout: 5000 }).toContain('hors ligne');
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('keeps recording at its rhythm while the broker is down, and says so; back online after, the counter not lower', async () => {
    const watcher = await connectAsync(broker.url, { username: broker.user, password: broker.password, reconnectPeriod: 200 });
    const energy: number[] = [];
    const status: string[] = [];
    watcher.on('message', (topic, payload) => {
      if (topic === 'corcypower/hall/energy') energy.push(Number(payload.toString()));
      if (topic === 'corcypower/hall/status') status.push(payload.toString());
    });
    watcher.on('connect', () => void watcher.subscribeAsync(['corcypower/hall/#']));
    await watcher.subscribeAsync(['corcypower/hall/#']);
    await until(() => energy.length > 0 && status.at(-1) === 'online', 15_000, 50);

    const stored = (): number => {
      const db = openDatabase(join(dir, 'hall.db'), { readonly: true });
      try {
        return (db.prepare('SELECT count(*) AS n FROM reading').get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    await broker.kill();
    const downAt = Date.now();
    const before = stored();
    const api = async () => (await fetch(`${hall.url.replace(/\/$/, '')}/api/status`)).json() as Promise<{ mqtt?: { kind: string } }>;
    let retrying = false;
    await until(
      () => {
        void api().then((s) => (retrying = s.mqtt?.kind === 'retrying'));
        return retrying;
      },
      15_000,
      100,
    );
    // Six seconds of windows at 2 a second, flushed every 2 s: at least 8 more rows.
    await until(() => stored() - before >= 8, 20_000, 200);
    const rate = (stored() - before) / ((Date.now() - downAt) / 1000);
    expect(rate).toBeGreaterThan(1);

    const lastBefore = energy.at(-1)!;
    await broker.restart();
    await until(() => status.at(-1) === 'online' && energy.at(-1)! >= lastBefore, 20_000, 100);
    expect(energy.every((e, i) => i === 0 || e >= energy[i - 1]!)).toBe(true);
    await watcher.endAsync(true);
  });

  it('takes the broker settings on the screen, by touch: a new name for this box applies at once, the password kept and never shown', async () => {
    const watcher = await connectAsync(broker.url, { username: broker.user, password: broker.password });
    const online: string[] = [];
    watcher.on('message', (topic, payload) => {
      if (payload.toString() === 'online') online.push(topic);
    });
    await watcher.subscribeAsync(['corcypower/+/status']);
    const { page, problems } = await openWatchedPage(browser, { width: 800, height: 480 });
    await page.goto(hall.url);
    await page.getByTestId('open-settings').tap();
    await page.getByTestId('settings-tabs').getByText('MQTT').tap();
    await expect.poll(() => page.getByTestId('mqtt-password-state').textContent(), { timeout: 5000 }).toBe('enregistré');
    expect(await page.getByTestId('mqtt-settings').textContent()).not.toContain(broker.password);
    await page.getByTestId('edit-mqtt-node').tap();
    for (let i = 0; i < 'hall'.length; i++) await page.locator('[data-testid="text-keyboard"] [data-key="⌫"]').tap();
    for (const k of 'entree') await page.locator(`[data-testid="text-keyboard"] [data-key="${k}"]`).tap();
    await page.getByTestId('text-keyboard-ok').tap();
    await page.getByTestId('mqtt-save').tap();
    await expect.poll(() => page.getByTestId('mqtt-message').textContent(), { timeout: 5000 }).toBe('Réglages MQTT enregistrés');
    await until(() => online.includes('corcypower/entree/status'), 15_000, 50);
    const onDisk = readJson<Partial<Config>>(join(dir, 'hall.json'));
    expect(onDisk.mqtt).toMatchObject({ node: 'entree', password: broker.password });
    expect(statSync(join(dir, 'hall.json')).mode & 0o777).toBe(0o600);
    expect(problems, problems.join('\n')).toEqual([]);
    await watcher.endAsync(true);
  });
});
