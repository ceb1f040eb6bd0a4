import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openWatchedPage } from '../helpers/chromium';
import { type Served, startServe } from '../helpers/serve';
import { tempDir } from '../helpers/readings-db';
import { checkLayout } from './layout-check';
import { bodyOf } from '../helpers/typed-json';
import type { Config } from '../../src/main/config/config-schema';
import { readJson } from '../helpers/typed-json';

const SHOTS = resolve(__dirname, '..', '..', 'test-results', 'screenshots');
const SIZES = [
  [800, 480],
  [1024, 600],
  [1280, 800],
  [1920, 1080],
] as const;
// Each size in landscape and turned to portrait.
const VIEWPORTS = SIZES.flatMap(([w, h]) => [
  { width: w, height: h },
  { width: h, height: w },
]);

async function ready(page: Page): Promise<void> {
  await page.getByTestId('cost-today').waitFor({ timeout: 15_000 });
  await page.waitForFunction(() => document.querySelector('[data-testid="gauge"]')?.getAttribute('data-reading-t') !== '', null, { timeout: 15_000 });
}

describe('the kiosk screens at every supported size', () => {
  let browser: Browser;
  let served: Served;
  let dir: string;
  let exportDir: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dir = tempDir();
    exportDir = join(dir, 'exports');
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({
        export: { folder: exportDir },
        tariff: [
          {
            kind: 'hphc',
            effectiveFrom: '2025-02-01',
            subscriptionPerMonth: 16.2,
            hp: 0.27,
            hc: 0.2068,
            offPeak: [
              { from: '01:30', to: '07:30' },
              { from: '12:30', to: '14:30' },
            ],
          },
        ],
      }),
    );
    served = await startServe(['--source', 'simulated', '--db', join(dir, 'power.db'), '--config', join(dir, 'config.json')]);
    browser = await launchChromium();
  });

  afterEach(async () => {
    for (const ctx of browser.contexts()) await ctx.close();
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  for (const vp of VIEWPORTS) {
    const size = `${vp.width}x${vp.height}`;
    it(`fits ${size}: main screen, export dialog, settings and keypad; no overlap, 44 px targets, no console errors`, async () => {
      const { page, problems } = await openWatchedPage(browser, vp);
      await page.goto(served.url);
      await ready(page);
      // Each state, and what shows that it is on screen.
      const states: [string, () => Promise<void>, string][] = [
        ['main', async () => {}, 'gauge'],
        ['export', async () => page.getByTestId('open-export').click(), 'export-dialog'],
        ['export-dates', async () => page.locator('[data-testid="export-range"] [data-value="dates"]').click(), 'calendar'],
        [
          'settings',
          async () => {
            await page.getByTestId('export-close').click();
            await page.getByTestId('open-settings').click();
            await page.getByTestId('settings-screen').waitFor();
            await page.locator('[data-testid="settings-tabs"] button').nth(1).click();
          },
          'edit-tariff.0.hp',
        ],
        ['keypad', async () => page.getByTestId('edit-tariff.0.hp').click(), 'keypad-display'],
      ];
      for (const [name, go, shown] of states) {
        await go();
        await page.getByTestId(shown).waitFor();
        // Then a frame drawn after it, so that the layout measured is the one on screen.
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        await page.screenshot({ path: join(SHOTS, `kiosk-${name}-${size}.png`) });
        const report = await checkLayout(page);
        expect(report.controls, name).toBeGreaterThan(0);
        expect(report.problems, `${name} at ${size}`).toEqual([]);
      }
      expect(problems).toEqual([]);
    });
  }

  it('exports today at 1 min from the dialog and says where and how many rows', async () => {
    const { page, problems } = await openWatchedPage(browser, { width: 1024, height: 600 });
    await page.goto(served.url);
    await ready(page);
    await page.getByTestId('open-export').click();
    await page.locator('[data-testid="export-resolution"] [data-value="raw"]').click();
    await page.getByTestId('export-start').click();
    const result = page.getByTestId('export-result');
    await expect.poll(() => result.getAttribute('data-state'), { timeout: 10_000 }).toBe('done');
    const text = (await result.textContent()) ?? '';
    expect(text).toMatch(/lignes écrites dans le dossier .*exports\/corcy-power_\d{4}-\d\d-\d\d_\d{4}-\d\d-\d\d_raw\.csv/);
    const file = /(\/\S+\.csv)/.exec(text)![1]!;
    expect(existsSync(file)).toBe(true);
    const rows = Number(/^([\d\s\u202f\u00a0]+) lignes/.exec(text)![1]!.replace(/\D/g, ''));
    expect(readFileSync(file, 'utf8').split('\r\n').filter(Boolean)).toHaveLength(rows + 1);
    expect(problems).toEqual([]);
  });

  it('switches the whole screen to English from the settings, without a restart', async () => {
    const { page, problems } = await openWatchedPage(browser, { width: 1280, height: 800 });
    await page.goto(served.url);
    await ready(page);
    expect(await page.getByTestId('open-export').textContent()).toBe('Exporter');
    await page.getByTestId('open-settings').click();
    await page.locator('[data-testid="settings-tabs"] button').nth(2).click();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByTestId('settings-save').click();
    await expect.poll(() => page.getByTestId('settings-message').textContent()).toBe('Saved');
    await page.getByTestId('settings-close').click();
    expect(await page.getByTestId('open-export').textContent()).toBe('Export');
    expect(readJson<Partial<Config>>(join(dir, 'config.json')).language).toBe('en');
    expect(problems).toEqual([]);
  });

  it('warns near the subscribed power and alarms above it, inside the layout at 800x480 and 480x800', async () => {
    for (const [vp, watts, level] of [
      [{ width: 800, height: 480 }, 5600, 'near'],
      [{ width: 480, height: 800 }, 6400, 'over'],
    ] as const) {
      const { page, problems } = await openWatchedPage(browser, vp);
      // The live stream replaced by one status and one reading: a load the simulator would reach only by chance.
      const status = await bodyOf('getStatus', fetch(`${served.url}/api/status`));
      const t = Date.now();
      const reading = { t, channel: 0, mean: 511.5, min: 10, max: 1000, rms: watts / 237 / 0.27, currentA: watts / 237, powerW: watts, flags: 0 };
      const body = [
        { type: 'status', status: { ...status, lastReading: reading } },
        { type: 'reading', reading },
      ]
        .map((e) => `data: ${JSON.stringify(e)}\n\n`)
        .join('');
      await page.route('**/api/live', (route) => route.fulfill({ status: 200, headers: { 'Content-Type': 'text/event-stream' }, body }));
      // French whatever an earlier test saved as the language.
      await page.goto(`${served.url}/?lang=fr`);
      const alert = page.getByTestId('power-alert');
      await alert.waitFor({ timeout: 10_000 });
      expect(await alert.getAttribute('data-level')).toBe(level);
      expect(await alert.textContent()).toMatch(level === 'near' ? /Attention : 5,60 kW pour 6 kVA/ : /Dépassement : 6,40 kW pour 6 kVA/);
      await page.screenshot({ path: join(SHOTS, `kiosk-alert-${level}-${vp.width}x${vp.height}.png`) });
      expect((await checkLayout(page)).problems).toEqual([]);
      const box = (await alert.boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual((await page.getByTestId('gauge').boundingBox())!.y + 0.5);
      expect(problems).toEqual([]);
      await page.context().close();
    }
  });
});
