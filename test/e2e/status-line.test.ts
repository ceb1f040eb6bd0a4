import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openWatchedPage } from '../helpers/chromium';
import { type Served, startServe } from '../helpers/serve';
import { useTempDir } from '../helpers/temp-dir';
import { bodyOf } from '../helpers/typed-json';

const tmp = useTempDir();
const SHOTS = resolve(__dirname, '..', '..', 'test-results', 'screenshots');

describe('the status line says how the ADC is really read', () => {
  let browser: Browser;
  let served: Served;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const dir = tmp();
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

  it('shows the measured rate and mains cycles of the simulator, which has no ioctls', async () => {
    const { page, problems } = await openWatchedPage(browser);
    await page.goto(`${served.url}/?lang=en`);
    const line = page.getByTestId('status-acquisition');
    await line.waitFor({ timeout: 10_000 });
    // 1000 samples synthesised over exactly 500 ms: 2000 samples/s and 25 cycles of 50 Hz.
    expect(await line.getAttribute('data-rate')).toBe('2000');
    expect(await line.getAttribute('data-cycles')).toBe('25.00');
    expect(await line.getAttribute('data-ioctls')).toBe('');
    expect(await line.textContent()).toBe('2,000 samples/s · 25 mains cycles');
    expect(problems).toEqual([]);
  });

  it('shows ioctls per window, samples/s and cycles of an ADC on spidev, in French, inside an 800x480 screen', async () => {
    const { page, problems } = await openWatchedPage(browser, { width: 800, height: 480 });
    // The stream replaced by the status a Pi at the default bufsiz would send.
    const status = await bodyOf('getStatus', fetch(`${served.url}/api/status`));
    const acquisition = { ioctlsPerWindow: 16, samplesPerSecond: 1998.4, mainsCyclesPerWindow: 25.02 };
    const body = `data: ${JSON.stringify({ type: 'status', status: { ...status, source: 'mcp3008', acquisition } })}\n\n`;
    await page.route('**/api/live', (route) => route.fulfill({ status: 200, headers: { 'Content-Type': 'text/event-stream' }, body }));
    await page.goto(`${served.url}/?lang=fr`);
    const line = page.getByTestId('status-acquisition');
    await expect.poll(() => line.getAttribute('data-ioctls'), { timeout: 10_000 }).toBe('16');
    expect(await line.textContent()).toMatch(/^16 ioctl par fenêtre · 1\s998 éch\.\/s · 25 périodes secteur$/);
    const box = (await page.getByTestId('status').boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(480.5);
    await page.screenshot({ path: join(SHOTS, 'status-line-spidev-800x480.png') });
    expect(problems).toEqual([]);
  });

  it('counts the age of the last reading on, second by second, once readings stop coming', async () => {
    const { page, problems } = await openWatchedPage(browser);
    // The stream replaced by one status whose last reading is 4 s old, and then nothing.
    const status = await bodyOf('getStatus', fetch(`${served.url}/api/status`));
    const lastReading = { ...status.lastReading!, t: Date.now() - 4000 };
    const body = `data: ${JSON.stringify({ type: 'status', status: { ...status, lastReading } })}\n\n`;
    await page.route('**/api/live', (route) => route.fulfill({ status: 200, headers: { 'Content-Type': 'text/event-stream' }, body }));
    await page.goto(`${served.url}/?lang=en`);
    const age = async (): Promise<number> => Number(/^last reading (\d+) s$/.exec((await page.locator('.status-age').textContent()) ?? '')?.[1] ?? NaN);
    await expect.poll(age, { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
    const first = await age();
    await expect.poll(age, { timeout: 10_000 }).toBeGreaterThanOrEqual(first + 2);
    expect(problems).toEqual([]);
  });
});
