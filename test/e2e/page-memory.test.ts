import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openWatchedPage } from '../helpers/chromium';
import { heapCounts } from '../helpers/heap-snapshot';
import { type Served, startServe } from '../helpers/serve';
import { useTempDir } from '../helpers/temp-dir';

const tmp = useTempDir();
// 50 readings a second (the shortest window the config allows), so that what a
// kiosk would keep over hours is kept here in a minute.
const WINDOW_MS = 20;

describe('the page over many readings', () => {
  let browser: Browser;
  let served: Served;

  beforeAll(async () => {
    const dir = tmp();
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ source: { kind: 'simulated', samplesPerWindow: 20, windowMs: WINDOW_MS } }));
    served = await startServe(['--db', join(dir, 'power.db'), '--config', config]);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  it('keeps no object per reading: 1,500 readings leave the JS heap with the objects it had', { timeout: 90_000 }, async () => {
    const { page, problems } = await openWatchedPage(browser, { width: 800, height: 480 });
    await page.goto(served.url);
    const readingT = async (): Promise<number> => Number(await page.getByTestId('gauge').getAttribute('data-reading-t'));
    await expect.poll(readingT, { timeout: 15_000 }).toBeGreaterThan(0);
    // Past the first draws and the first time each path runs (the chart's points are numbers in arrays, not objects).
    const start = await readingT();
    await expect.poll(readingT, { timeout: 30_000, interval: 500 }).toBeGreaterThan(start + 250 * WINDOW_MS);
    const cdp = await page.context().newCDPSession(page);
    const before = await heapCounts(cdp);
    const from = await readingT();
    await expect.poll(readingT, { timeout: 90_000, interval: 1000 }).toBeGreaterThan(from + 1500 * WINDOW_MS);
    const after = await heapCounts(cdp);
    const readings = Math.round(((await readingT()) - from) / WINDOW_MS);
    const grown = (after.object ?? 0) - (before.object ?? 0);
    console.log(`${readings} readings: objects ${before.object} -> ${after.object}, strings ${before.string} -> ${after.string}`);
    // One object kept per reading would be +1,500; what moves without a leak is a few dozen.
    expect(grown).toBeLessThan(readings / 10);
    expect((after.string ?? 0) - (before.string ?? 0)).toBeLessThan(readings / 10);
    expect(problems).toEqual([]);
  });
});
