import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { BROWSER_FLAGS } from '../src/main/kiosk/browser-files';
import { SERVE_NODE_OPTIONS } from '../src/main/kiosk/kiosk-files';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/helpers/chromium';
import { CLI, startServe } from '../test/helpers/serve';
import { type Interval, type PageSample, interval, openCdp, samplePage } from './footprint/page-metrics';
import { procUsage } from './footprint/proc-usage';
import { fmt, summarize } from './stats';

// The browser kiosk's footprint on a Pi 3B+: serve's CPU and memory, and the
// page's main thread, heap and DOM in Debian's Chromium (the unit's flags) at
// 800x480, with CPU throttling at 8x (a Pi 3B+ core is roughly that much slower).
// `npm run bench -- footprint --minutes 30 --sample-seconds 60` (the defaults);
// BENCH_FOOTPRINT_MINUTES / BENCH_FOOTPRINT_SAMPLE_S do the same.

const THROTTLE = 8;
const WINDOW_MS = 500;

function options(): { minutes: number; sampleS: number; historyMinutes: number } {
  const { values } = parseArgs({ args: process.argv.slice(3), options: { minutes: { type: 'string' }, 'sample-seconds': { type: 'string' } } });
  const minutes = Number(values.minutes ?? process.env.BENCH_FOOTPRINT_MINUTES ?? 30);
  const sampleS = Number(values['sample-seconds'] ?? process.env.BENCH_FOOTPRINT_SAMPLE_S ?? 60);
  if (!(minutes > 0) || !(sampleS > 0)) throw new Error('--minutes and --sample-seconds must be positive numbers');
  return { minutes, sampleS, historyMinutes: Math.max(sampleS / 60, Math.ceil(minutes / 6)) };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Samples every sampleS for `minutes`, calling `each` with the serve usage too. */
async function phase(minutes: number, sampleS: number, take: () => Promise<PageSample>, each: () => void): Promise<PageSample[]> {
  const out = [await take()];
  const n = Math.max(1, Math.round((minutes * 60) / sampleS));
  for (let i = 0; i < n; i++) {
    await sleep(sampleS * 1000);
    out.push(await take());
    each();
  }
  return out;
}

const intervals = (s: PageSample[]): Interval[] => s.slice(1).map((b, i) => interval(s[i]!, b, WINDOW_MS));
const spreadPct = (xs: number[]): number => (100 * (Math.max(...xs) - Math.min(...xs))) / Math.min(...xs);

function describe(label: string, iv: Interval[], base: number): string[] {
  const busy = summarize(iv.map((i) => i.busyPct));
  const task = summarize(iv.map((i) => i.taskMsPerReading));
  const script = summarize(iv.map((i) => i.scriptMsPerReading));
  return [
    `${label}: main thread busy median ${fmt(busy.median, 1)} % (p95 ${fmt(busy.p95, 1)} %); ` +
      `${fmt(task.median)} ms per reading (script ${fmt(script.median)} ms), ${fmt(task.median / base, 1)}x the unthrottled baseline`,
  ];
}

export async function run(): Promise<string[]> {
  const o = options();
  const dir = mkdtempSync(join(tmpdir(), 'corcy-footprint-'));
  const db = join(dir, 'power.db');
  const now = Date.now();
  // A day of history for the 24 h view, written through the live storage path.
  execFileSync(process.execPath, [CLI, 'simulate', '--from', String(now - 86_400_000), '--to', String(now - 60_000), '--db', db, '--config', join(dir, 'c.json')]);
  // serve as the unit runs it, with its Node options.
  const served = await startServe(['--source', 'simulated', '--db', db, '--config', join(dir, 'c.json')], { NODE_OPTIONS: SERVE_NODE_OPTIONS });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...BROWSER_FLAGS], headless: true });
  const lines = [`ran ${o.minutes} min live + ${o.historyMinutes} min on the 24 h view, sampled every ${o.sampleS} s, at ${THROTTLE}x CPU throttling, 800x480`];
  try {
    const page = await browser.newPage({ viewport: { width: 800, height: 480 }, hasTouch: true });
    await page.goto(served.url);
    await page.locator('[data-testid="live-chart"][data-points]:not([data-points="0"])').waitFor({ timeout: 20_000 });
    const cdp = await openCdp(page, 1);
    const take = (): Promise<PageSample> => samplePage(page, cdp);
    const warm = Math.min(1, o.sampleS / 60);
    await phase(warm, o.sampleS, take, () => undefined);
    const baseline = intervals(await phase(warm, o.sampleS, take, () => undefined));
    const base = summarize(baseline.map((i) => i.taskMsPerReading)).median;
    lines.push(`baseline, unthrottled live view: ${fmt(base)} ms main thread per reading, ${fmt(summarize(baseline.map((i) => i.busyPct)).median, 1)} % busy`);

    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    const serve0 = procUsage(served.proc.pid!);
    const serveSeries: { cpuS: number; rssMb: number; at: number }[] = [];
    const t0 = Date.now();
    const onSample = (): void => void serveSeries.push({ ...procUsage(served.proc.pid!), at: Date.now() });
    const live = await phase(o.minutes, o.sampleS, take, onSample);
    lines.push(...describe(`live view at ${THROTTLE}x (goal < 5 %)`, intervals(live), base));
    // The first throttled minute is warm-up; what follows must stay within 5 % of it.
    const settled = live.slice(Math.min(2, live.length - 1));
    lines.push(
      `heap after GC ${settled.map((s) => fmt(s.heapMb, 1)).join(' ')} MB: spread ${fmt(spreadPct(settled.map((s) => s.heapMb)), 1)} % (goal < 5 %)`,
      `DOM nodes ${settled.map((s) => s.nodes).join(' ')}: spread ${fmt(spreadPct(settled.map((s) => s.nodes)), 1)} % (goal < 5 %)`,
    );
    const tenMin = serveSeries.filter((s) => s.at - t0 <= 10 * 60_000 + o.sampleS * 500);
    const last = tenMin.at(-1) ?? serveSeries.at(-1)!;
    const minutes = (last.at - t0) / 60_000;
    lines.push(
      `serve over ${fmt(minutes, 1)} min: ${fmt(last.cpuS - serve0.cpuS)} CPU s (${fmt((100 * (last.cpuS - serve0.cpuS)) / (minutes * 60), 1)} % of a core here), ` +
        `RSS ${fmt(serve0.rssMb, 1)} -> max ${fmt(Math.max(...serveSeries.map((s) => s.rssMb)), 1)} MB (goal < 100 MB)`,
    );

    // Tapped, as on the kiosk's touchscreen: a mouse left resting over Plotly's plot would have
    // Chromium hit-test it after every layout (fake mouse moves), which no touchscreen does.
    await page.getByTestId('range-24h').tap();
    await page.locator('[data-testid="history-chart"][data-points]:not([data-points="0"])').waitFor({ timeout: 30_000 });
    const history = await phase(o.historyMinutes, o.sampleS, take, onSample);
    lines.push(...describe(`24 h history view at ${THROTTLE}x (goal < 10 %)`, intervals(history), base));
    lines.push('CPU time (TaskDuration per reading) is the figure to trust: this machine is shared and loaded, so wall-clock shares move with the load');
  } finally {
    await browser.close();
    await served.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}
