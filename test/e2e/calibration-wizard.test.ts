import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPin } from '../../src/main/config/pin';
import { launchChromium, openWatchedPage } from '../helpers/chromium';
import { tempDir } from '../helpers/readings-db';
import { type Served, startServe } from '../helpers/serve';
import { checkLayout } from './layout-check';
import type { Config } from '../../src/main/config/config-schema';
import { readJson } from '../helpers/typed-json';

const SHOTS = resolve(__dirname, '..', '..', 'test-results', 'screenshots');
// The simulator's truth: a board of 0.25 A per count (not the 0.27 default), one
// count of electronic noise, and a load switched through a file.
const TRUE_AMPS_PER_COUNT = 0.25;
const NOISE = 1;
const KETTLE_W = 2000;
const PIN = '2468';

const tapKeys = async (page: Page, keys: string): Promise<void> => {
  for (const k of keys) await page.locator(`[data-testid="keypad"] [data-key="${k}"]`).tap();
  await page.getByTestId('keypad-ok').tap();
};

describe('the calibration wizard, in Chromium through the headless server fed by the simulator', () => {
  let browser: Browser;
  let served: Served;
  let dir: string;
  const config = (): Config => readJson<Config>(join(dir, 'config.json'));
  const loadFile = (): string => join(dir, 'load-watts');

  beforeAll(async () => {
    dir = tempDir();
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ pin: hashPin(PIN), source: { simulator: { noiseCounts: NOISE, ampsPerCount: TRUE_AMPS_PER_COUNT, loadFile: loadFile() } } }),
    );
    served = await startServe(['--source', 'simulated', '--db', join(dir, 'power.db'), '--config', join(dir, 'config.json')]);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  it('speaks French by default, and fits a portrait 480x800 screen', async () => {
    const { page, problems } = await openWatchedPage(browser, { width: 480, height: 800 });
    await page.goto(`${served.url}/?lang=fr`);
    await page.getByTestId('open-settings').tap();
    await tapKeys(page, PIN);
    await page.getByTestId('calibration').waitFor();
    expect(await page.getByTestId('calibration').textContent()).toMatch(
      /Étalonnage par la mesure.*1\. Décrochez la pince \(ou coupez tout\).*2\. Allumez une charge connue.*3\. Tension du secteur/,
    );
    expect(await page.getByTestId('cal-current-volts').textContent()).toMatch(/237 · valeur par défaut/);
    await page.screenshot({ path: join(SHOTS, 'calibration-fr-480x800.png') });
    expect((await checkLayout(page)).problems).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('measures the floor over a minute, a kettle, the mains voltage, by touch behind the PIN, and restores the previous calibration', async () => {
    const { page, problems } = await openWatchedPage(browser, { width: 800, height: 480 });
    await page.goto(`${served.url}/?lang=en`);
    await page.getByTestId('open-settings').tap();
    await tapKeys(page, PIN);
    await page.getByTestId('calibration').waitFor();
    expect(await page.getByTestId('cal-current-amps').textContent()).toMatch(/0\.27 · default/);

    // 1. Idle: the file does not exist yet, so no load; at least a minute of windows.
    await page.getByTestId('cal-record-idle').tap();
    const saveIdle = page.getByTestId('cal-save-idle');
    await page.getByTestId('cal-progress-idle').waitFor();
    // Not before a minute.
    expect(await saveIdle.isEnabled()).toBe(false);
    await expect.poll(() => saveIdle.isEnabled(), { timeout: 120_000, interval: 1000 }).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'calibration-idle-800x480.png') });
    expect((await checkLayout(page)).problems).toEqual([]);
    await saveIdle.tap();
    await expect.poll(() => page.getByTestId('cal-message').textContent()).toBe('Calibration saved');
    const floor = config().calibration.floor!;
    // The window's expected rms²: noise and rounding to counts, as a population variance of 1000 samples.
    const truth = ((NOISE ** 2 + 1 / 12) * 999) / 1000;
    expect(floor.windows).toBeGreaterThanOrEqual(119);
    expect(floor.seconds).toBeGreaterThanOrEqual(60);
    expect(Math.abs(floor.meanSquare - truth)).toBeLessThan((4 * floor.spread) / Math.sqrt(floor.windows));
    // One window's rms² spreads by about sigma² sqrt(2 / n) for n samples.
    expect(floor.spread).toBeGreaterThan(0.6 * truth * Math.sqrt(2 / 1000));
    expect(floor.spread).toBeLessThan(1.5 * truth * Math.sqrt(2 / 1000));
    expect(Date.parse(floor.measuredAt)).toBeGreaterThan(Date.now() - 5 * 60_000);
    expect(await page.getByTestId('cal-current-floor').textContent()).toMatch(/measured on/);

    // 2. A kettle's nameplate, 2000 W, the default of the field.
    writeFileSync(loadFile(), String(KETTLE_W));
    await expect
      .poll(async () => ((await (await fetch(`${served.url}/api/status`)).json()) as { lastReading: { powerW: number } }).lastReading.powerW, { timeout: 10_000 })
      .toBeGreaterThan(1500);
    await page.getByTestId('cal-record-load').tap();
    const saveLoad = page.getByTestId('cal-save-load');
    await expect.poll(() => saveLoad.isEnabled(), { timeout: 30_000, interval: 500 }).toBe(true);
    await saveLoad.tap();
    await expect.poll(() => config().calibration.ampsPerCount, { timeout: 5000 }).not.toBe(0.27);
    // The simulator drew 2000 W / 237 V through a 0.25 A/count board.
    expect(config().calibration.ampsPerCount).toBeCloseTo(TRUE_AMPS_PER_COUNT, 2);
    expect(Math.abs(config().calibration.ampsPerCount - TRUE_AMPS_PER_COUNT) / TRUE_AMPS_PER_COUNT).toBeLessThan(0.01);
    expect(config().calibration.previous?.ampsPerCount).toBe(0.27);
    expect(config().calibration.points).toHaveLength(1);

    // 3. The meter says 231 V: the nameplate's watts now mean more amps, so ampsPerCount follows.
    await page.getByTestId('edit-cal-volts').tap();
    await tapKeys(page, '⌫⌫⌫231');
    await page.getByTestId('cal-save-volts').tap();
    await expect.poll(() => config().calibration.volts, { timeout: 5000 }).toBe(231);
    expect(config().calibration.voltsMeasuredAt).toBeTruthy();
    expect(config().calibration.ampsPerCount).toBeCloseTo((TRUE_AMPS_PER_COUNT * 237) / 231, 2);
    await expect.poll(() => page.getByTestId('cal-previous-volts').textContent()).toMatch(/237/);

    // The previous calibration back, and the one it replaced kept in turn.
    await page.getByTestId('cal-restore').tap();
    await expect.poll(() => config().calibration.volts, { timeout: 5000 }).toBe(237);
    expect(config().calibration.previous?.volts).toBe(231);
    // The file is written before the answer reaches the page: wait for the screen.
    await expect.poll(() => page.getByTestId('cal-message').textContent()).toBe('Previous calibration restored');
    expect(await page.getByTestId('edit-cal-volts').textContent()).toBe('237');
    await page.screenshot({ path: join(SHOTS, 'calibration-restored-800x480.png') });
    expect((await checkLayout(page)).problems).toEqual([]);
    expect(problems).toEqual([]);
  }, 240_000);
});
