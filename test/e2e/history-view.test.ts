import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openWatchedPage } from '../helpers/chromium';
import { CLI, type Served, startServe } from '../helpers/serve';
import { useTempDir } from '../helpers/temp-dir';

const tmp = useTempDir();
const SHOTS = resolve(__dirname, '..', '..', 'test-results', 'screenshots');

/** Range of the history chart as the page holds it. */
async function shown(page: Page): Promise<{ from: number; to: number; level: string; points: number }> {
  const c = page.getByTestId('history-chart');
  return {
    from: Number(await c.getAttribute('data-from')),
    to: Number(await c.getAttribute('data-to')),
    level: (await c.getAttribute('data-level')) ?? '',
    points: Number(await c.getAttribute('data-points')),
  };
}

describe('history on screen: range buttons, pan and pinch, kWh', () => {
  let browser: Browser;
  let served: Served;

  beforeAll(async () => {
    const dir = tmp();
    const db = join(dir, 'power.db');
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ storage: { retentionDays: 400 } }));
    // Two days of simulated history up to a minute ago, through the live storage path.
    const now = Date.now();
    execFileSync(process.execPath, [CLI, 'simulate', '--from', String(now - 2 * 86_400_000), '--to', String(now - 60_000), '--db', db, '--config', config]);
    served = await startServe(['--source', 'simulated', '--db', db, '--config', config]);
    browser = await launchChromium();
  }, 120_000);

  afterEach(async () => {
    for (const ctx of browser.contexts()) await ctx.close();
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  it('switches ranges with 44 px buttons, pans and pinches, and goes back to live in one tap', async () => {
    const { page, problems } = await openWatchedPage(browser, { width: 1024, height: 600 });
    await page.goto(served.url);
    await expect.poll(() => page.getByTestId('live-chart').count(), { timeout: 10_000 }).toBe(1);
    for (const id of ['live', '1h', '24h', '7d', '30d', '1y']) {
      const box = (await page.getByTestId(`range-${id}`).boundingBox())!;
      expect(box.width, id).toBeGreaterThanOrEqual(44);
      expect(box.height, id).toBeGreaterThanOrEqual(44);
    }

    await page.getByTestId('range-24h').click();
    expect(await page.getByTestId('range-24h').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(async () => (await shown(page)).level, { timeout: 10_000 }).toBe('minute');
    expect((await shown(page)).points).toBeGreaterThan(100);
    // Long ranges draw the min/max band (a filled trace) under the mean line.
    await expect.poll(() => page.evaluate(() => document.querySelectorAll('.js-plotly-plot .js-fill').length), { timeout: 5000 }).toBeGreaterThan(0);

    await page.getByTestId('range-1y').click();
    await expect.poll(async () => (await shown(page)).level, { timeout: 10_000 }).toBe('hour');

    await page.getByTestId('range-24h').click();
    await expect.poll(async () => (await shown(page)).level, { timeout: 10_000 }).toBe('minute');
    const before = await shown(page);

    // Drag right: back in time, and no preset lit any more.
    const area = (await page.locator('.chart-area').boundingBox())!;
    const y = area.y + area.height / 2;
    await page.mouse.move(area.x + area.width * 0.3, y);
    await page.mouse.down();
    await page.mouse.move(area.x + area.width * 0.55, y, { steps: 5 });
    await page.mouse.up();
    const panned = await shown(page);
    expect(panned.to).toBeLessThan(before.to - 3 * 3_600_000);
    expect(panned.to - panned.from).toBe(before.to - before.from);
    expect(await page.getByTestId('range-24h').getAttribute('aria-pressed')).toBe('false');

    // Pinch out with two touch pointers: a shorter span.
    await page.evaluate(
      ({ x, y, w }) => {
        const el = document.querySelector('.chart-area')!;
        const fire = (type: string, id: number, cx: number): void => {
          el.dispatchEvent(new PointerEvent(type, { pointerId: id, pointerType: 'touch', clientX: cx, clientY: y, bubbles: true }));
        };
        const mid = x + w / 2;
        fire('pointerdown', 11, mid - 50);
        fire('pointerdown', 12, mid + 50);
        for (let i = 1; i <= 5; i++) {
          fire('pointermove', 11, mid - 50 - i * 30);
          fire('pointermove', 12, mid + 50 + i * 30);
        }
        fire('pointerup', 11, mid - 200);
        fire('pointerup', 12, mid + 200);
      },
      { x: area.x, y, w: area.width },
    );
    const pinched = await shown(page);
    expect(pinched.to - pinched.from).toBeLessThan((panned.to - panned.from) / 2);
    // The data follows the pinch: a few hours across the chart come from the 10 s rollups.
    // (Polling for 'minute' passed only while the 24 h data was still on screen.)
    await expect.poll(async () => (await shown(page)).level, { timeout: 10_000 }).toBe('10s');

    await page.getByTestId('range-live').click();
    await expect.poll(() => page.getByTestId('live-chart').count(), { timeout: 5000 }).toBe(1);
    expect(await page.getByTestId('range-live').getAttribute('aria-pressed')).toBe('true');
    expect(problems).toEqual([]);
  }, 60_000);

  it("shows today's and this month's kWh (from the rollups) beside their cost", async () => {
    const { page, problems } = await openWatchedPage(browser, { width: 800, height: 480 });
    await page.goto(served.url);
    const month = page.getByTestId('energy-month');
    await expect.poll(async () => (await month.textContent()) ?? '', { timeout: 10_000 }).toMatch(/^\d[\d\s ,]*kWh$/);
    expect(await page.getByTestId('energy-today').textContent()).toMatch(/^\d[\d\s ,]*kWh$/);
    const kwh = (s: string | null): number => Number((s ?? '').replace(/[^\d,]/g, '').replace(',', '.'));
    expect(kwh(await month.textContent())).toBeGreaterThanOrEqual(kwh(await page.getByTestId('energy-today').textContent()));
    expect(kwh(await page.getByTestId('energy-today').textContent())).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  }, 30_000);

  it('shows the kWh and cost of each day in view under the history chart, the same kWh as the energy route', async () => {
    const { page, problems } = await openWatchedPage(browser, { width: 800, height: 480 });
    await page.goto(served.url + '?lang=en');
    await expect.poll(() => page.getByTestId('live-chart').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByTestId('day-costs').count()).toBe(0);

    await page.getByTestId('range-7d').click();
    const cells = page.getByTestId('day-cost');
    await expect.poll(() => cells.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(7);
    const dates = await cells.evaluateAll((els) => els.map((e) => e.getAttribute('data-date')!));
    const energy = (await (await fetch(`${served.url.replace(/\/$/, '')}/api/energy?from=${dates[0]}T00:00:00%2B01:00&to=${Date.now()}&per=day`)).json()) as {
      period: string;
      wh: number;
    }[];
    const kwhOf = new Map(energy.map((e) => [e.period, e.wh / 1000]));
    let withEnergy = 0;
    for (const [i, date] of dates.entries()) {
      const text = (await cells.nth(i).locator('.day-cost-kwh').textContent()) ?? '';
      const shown = Number(text.replace(/[^\d.]/g, ''));
      const want = kwhOf.get(date) ?? 0;
      // Shown to 2 decimals below 10 kWh, 1 below 100; today grows while the test reads it.
      const slack = (want < 10 ? 0.006 : 0.06) + (i === dates.length - 1 ? 0.1 : 0);
      expect(Math.abs(shown - want), `${date}: ${text} vs ${want} kWh`).toBeLessThanOrEqual(slack);
      if (want > 0) {
        withEnergy++;
        expect(await cells.nth(i).locator('.day-cost-eur').textContent()).toMatch(/€\s?\d+\.\d{2}|\d+\.\d{2}\s?€/);
      }
    }
    expect(withEnergy).toBeGreaterThanOrEqual(2);
    // Inside the screen at 800x480, and a finger's height.
    const strip = (await page.getByTestId('day-costs').boundingBox())!;
    expect(strip.y + strip.height).toBeLessThanOrEqual(480);
    expect((await cells.first().boundingBox())!.height).toBeGreaterThanOrEqual(44);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'history-7d-days-800x480.png') });

    // A year is too many days for a row: no strip.
    await page.getByTestId('range-1y').click();
    await expect.poll(() => page.getByTestId('day-costs').count(), { timeout: 10_000 }).toBe(0);
    expect(problems).toEqual([]);
  }, 30_000);
});
