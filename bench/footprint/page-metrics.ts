import type { CDPSession, Page } from 'playwright-core';

/** One reading of the page's costs, as Chromium accounts them (CDP Performance domain). */
export interface PageSample {
  /** Wall time of the sample, ms. */
  at: number;
  /** Main-thread busy time (TaskDuration) and script time (ScriptDuration), seconds since enable. */
  taskS: number;
  scriptS: number;
  /** The same after the sample's forced GC, which is the bench's work, not the page's: the next interval starts here. */
  afterAt: number;
  afterTaskS: number;
  afterScriptS: number;
  /** JS heap in use after a forced GC, MB, and DOM nodes alive. */
  heapMb: number;
  nodes: number;
  /** Time of the reading the gauge shows (data-reading-t), ms. */
  readingT: number;
}

export async function openCdp(page: Page, throttle: number): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  return cdp;
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

/** Times first, then a GC so that the heap figure is what the page holds, not garbage not yet collected. */
export async function samplePage(page: Page, cdp: CDPSession): Promise<PageSample> {
  const at = Date.now();
  const m = await metrics(cdp);
  await cdp.send('HeapProfiler.collectGarbage');
  const after = await metrics(cdp);
  const afterAt = Date.now();
  const readingT = Number(await page.getByTestId('gauge').getAttribute('data-reading-t'));
  return {
    at,
    taskS: m.TaskDuration!,
    scriptS: m.ScriptDuration!,
    afterAt,
    afterTaskS: after.TaskDuration!,
    afterScriptS: after.ScriptDuration!,
    heapMb: after.JSHeapUsedSize! / 1e6,
    nodes: after.Nodes!,
    readingT,
  };
}

export interface Interval {
  /** Share of wall time the main thread was busy, %. */
  busyPct: number;
  /** Main-thread and script ms per reading shown. */
  taskMsPerReading: number;
  scriptMsPerReading: number;
  readings: number;
}

/** The cost between two samples, from the end of the first one's GC; readings are counted from the gauge's reading times and the window length. */
export function interval(a: PageSample, b: PageSample, windowMs: number): Interval {
  const readings = Math.max(1, Math.round((b.readingT - a.readingT) / windowMs));
  const taskMs = (b.taskS - a.afterTaskS) * 1000;
  return {
    busyPct: (100 * taskMs) / (b.at - a.afterAt),
    taskMsPerReading: taskMs / readings,
    scriptMsPerReading: ((b.scriptS - a.afterScriptS) * 1000) / readings,
    readings,
  };
}
