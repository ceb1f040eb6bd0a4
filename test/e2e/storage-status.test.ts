import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openWatchedPage } from '../helpers/chromium';
import { type Served, startServe } from '../helpers/serve';
import { useTempDir } from '../helpers/temp-dir';

// A real write failure of the real serve, seen in the browser: another program
// (a sqlite3 shell left in a transaction) holds the write lock, so every flush
// fails with SQLITE_BUSY after the busy timeout, until it lets go.

const tmp = useTempDir();

describe('the status line when readings cannot be written', () => {
  let browser: Browser;
  let served: Served;
  let dbPath: string;

  beforeAll(async () => {
    const dir = tmp();
    dbPath = join(dir, 'power.db');
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ source: { kind: 'simulated' }, storage: { flushIntervalMs: 500 } }));
    served = await startServe(['--db', dbPath, '--config', join(dir, 'config.json')]);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  it('turns red with the cause, the file, the readings waiting and the first loss, then clears by itself', async () => {
    const { page, problems } = await openWatchedPage(browser);
    await page.goto(served.url);
    const status = page.getByTestId('status');
    await expect.poll(() => status.getAttribute('data-storage'), { timeout: 10_000 }).toBe('ok');
    const locker = new Database(dbPath);
    locker.exec('BEGIN EXCLUSIVE');
    try {
      await expect.poll(() => status.getAttribute('data-storage'), { timeout: 30_000 }).toBe('failing');
      expect(await status.getAttribute('class')).toContain('status-alarm');
      const text = (await page.locator('.status-storage').textContent())!;
      expect(text).toContain(`locked: another program holds ${dbPath}`);
      expect(text).toMatch(/close the other program/);
      expect(text).toMatch(/\d+ mesures en attente d’écriture/);
      expect(text).toMatch(/première perdue le /);
    } finally {
      locker.exec('COMMIT');
      locker.close();
    }
    await expect.poll(() => status.getAttribute('data-storage'), { timeout: 30_000 }).toBe('ok');
    expect(await page.locator('.status-storage').count()).toBe(0);
    expect(problems).toEqual([]);
  }, 90_000);
});
