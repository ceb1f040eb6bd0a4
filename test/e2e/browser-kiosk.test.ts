import { rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_FLAGS } from '../../src/main/kiosk/browser-files';
import { CHROMIUM_ARGS, CHROMIUM_PATH, openWatchedPage } from '../helpers/chromium';
import { tempDir } from '../helpers/readings-db';
import { type Served, startServe } from '../helpers/serve';
import { until } from '../helpers/until';
import { checkLayout } from './layout-check';

/** A port free now on 127.0.0.1, so that serve can be started again on the same one. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const readingT = async (page: Page): Promise<number> => Number(await page.getByTestId('gauge').getAttribute('data-reading-t'));

describe('the browser kiosk: Debian Chromium with the flags of the unit, on corcy-power serve', () => {
  let browser: Browser;
  let served: Served;
  let dir: string;
  let port: number;
  const serve = (): Promise<Served> => startServe(['--source', 'simulated', '--db', join(dir, 'power.db'), '--config', join(dir, 'config.json'), '--port', String(port)]);

  beforeAll(async () => {
    dir = tempDir();
    port = await freePort();
    served = await serve();
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...BROWSER_FLAGS], headless: true });
  });

  afterEach(async () => {
    for (const ctx of browser.contexts()) await ctx.close();
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [width, height] of [
    [800, 480],
    [1024, 600],
  ] as const) {
    it(`shows the live screen at ${width}x${height} inside the screen, with no context menu, no selection and the screen kept awake`, async () => {
      const { page, problems } = await openWatchedPage(browser, { width, height });
      await page.goto(served.url);
      await expect.poll(() => readingT(page), { timeout: 15_000 }).toBeGreaterThan(0);
      await expect.poll(async () => Number(await page.getByTestId('live-chart').getAttribute('data-points')), { timeout: 10_000 }).toBeGreaterThan(0);
      expect((await checkLayout(page)).problems).toEqual([]);
      const page2 = await page.evaluate(() => {
        const value = document.querySelector('[data-testid="gauge-value"]')!;
        const menu = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
        value.dispatchEvent(menu);
        return { menuBlocked: menu.defaultPrevented, select: getComputedStyle(value).userSelect, touch: getComputedStyle(document.documentElement).touchAction };
      });
      // Headless Chromium never pinch-zooms (a synthesized pinch leaves the scale at 1 with
      // or without protection), so what is checked is the CSS that forbids it on a real screen.
      expect(page2).toEqual({ menuBlocked: true, select: 'none', touch: 'pan-x pan-y' });
      // 127.0.0.1 is a secure context, so the Wake Lock API is there to ask.
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.wakeLock), { timeout: 5000 }).toBe('held');
      expect(problems).toEqual([]);
    });
  }

  it('moves the gauge again by itself when serve is killed and started again under the open page', { timeout: 60_000 }, async () => {
    const { page } = await openWatchedPage(browser, { width: 800, height: 480 });
    let navigations = 0;
    page.on('framenavigated', (f) => void (f === page.mainFrame() && navigations++));
    await page.goto(served.url);
    await expect.poll(() => readingT(page), { timeout: 15_000 }).toBeGreaterThan(0);
    await served.stop('SIGKILL');
    const beforeRestart = await readingT(page);
    served = await serve();
    await expect.poll(() => readingT(page), { timeout: 30_000 }).toBeGreaterThan(beforeRestart);
    const first = await readingT(page);
    await expect.poll(() => readingT(page), { timeout: 10_000 }).toBeGreaterThan(first);
    expect(navigations).toBe(1);
  });

  it('comes back even after an HTTP error in between, on which EventSource alone gives up for good', { timeout: 60_000 }, async () => {
    const { page } = await openWatchedPage(browser, { width: 800, height: 480 });
    await page.goto(served.url);
    await expect.poll(() => readingT(page), { timeout: 15_000 }).toBeGreaterThan(0);
    await served.stop('SIGKILL');
    // What a proxy, or a server not ready yet, answers: 503 to the live stream.
    let refused = 0;
    const standIn = createHttpServer((req, res) => {
      if (req.url?.startsWith('/api/live')) refused++;
      res.writeHead(503, { 'Content-Type': 'text/plain' }).end('starting');
    });
    await new Promise<void>((r) => standIn.listen(port, '127.0.0.1', r));
    try {
      await until(() => refused > 0, 20_000);
    } finally {
      standIn.closeAllConnections();
      await new Promise((r) => standIn.close(r));
    }
    const before = await readingT(page);
    served = await serve();
    await expect.poll(() => readingT(page), { timeout: 30_000 }).toBeGreaterThan(before);
  });
});
