import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CALIBRATION } from '../src/main/acquisition/calibration';
import { DEFAULT_HEALTH } from '../src/main/acquisition/health';
import { toReading } from '../src/main/acquisition/reading';
import { synthesizeWindow } from '../src/main/acquisition/waveform';
import { WriteQueue } from '../src/main/storage/write-queue';
import { clampSignal } from '../test/helpers/clamp-signals';
import { sourceOnModel } from '../test/helpers/spidev-rig';
import { fmt, summarize, timeRuns } from './stats';

const SETTINGS = { channel: 0, calibration: DEFAULT_CALIBRATION, health: DEFAULT_HEALTH };
const WAVE = { mainsHz: 50, midScale: 511.5, ampsPerCount: 0.27, noiseCounts: 0.6 };
const KERNELS = [
  { arch: 'arm', bufsiz: 4096 },
  { arch: 'arm64', bufsiz: 4096 },
  { arch: 'arm', bufsiz: 65536 },
  { arch: 'arm64', bufsiz: 65536 },
] as const;
/** A Pi under some load: 100 µs per ioctl (syscall, thread pool) and 30 µs mean wake-up latency. */
const BUS = { ioctlOverheadUs: 100, schedulingJitterUs: 30 };
const WINDOWS = 40;

/** Per-window processing (statistics, calibration, health, enqueue) against a bare pass over the samples. */
function processing(): string {
  const samples = synthesizeWindow(new Uint16Array(1000), 1_790_000_000_000, 500, () => 9, 1, WAVE);
  const queue = new WriteQueue({ write: () => undefined, flushIntervalMs: 60_000 });
  let sink = 0;
  const baseline = summarize(
    timeRuns(5000, () => {
      let s = 0;
      for (let i = 0; i < samples.length; i++) s += samples[i]!;
      sink += s;
    }),
  );
  const work = summarize(
    timeRuns(5000, () => {
      queue.enqueue(toReading({ samples, lost: 0 }, 1, SETTINGS));
      if (queue.size > 1000) queue.flush();
    }),
  );
  void sink;
  return `per-window processing (stats + calibration + health + enqueue, 1000 samples): median ${fmt(work.median * 1000, 1)} µs, p95 ${fmt(work.p95 * 1000, 1)} µs; baseline one bare pass ${fmt(baseline.median * 1000, 1)} µs (ratio ${fmt(work.median / baseline.median, 1)}x); share of the 500 ms window: ${fmt((work.median / 500) * 100, 4)} %`;
}

/** ioctls and window durations through the spidev model; the baseline is the first, unpaced window. */
async function onBus(kernel: (typeof KERNELS)[number]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'corcy-bench-'));
  try {
    const signal = clampSignal({ amps: 10, ampsPerCount: 0.27, noiseCounts: 0.6 });
    const { dev, source } = sourceOnModel({ ...kernel, ...BUS, dir, signal, seed: 5 });
    await source.open();
    const spans: number[] = [];
    let ioctls = 0;
    for (let i = 0; i < WINDOWS; i++) {
      const w = await source.readWindow();
      spans.push(w.spanMs!);
      ioctls = w.ioctls!;
    }
    await source.close();
    const first = spans[0]!;
    const paced = summarize(spans.slice(5));
    const worst = Math.max(...spans.slice(5).map((s) => Math.abs(s - 500)));
    return `${kernel.arch === 'arm' ? 'armhf' : 'arm64'} bufsiz ${kernel.bufsiz}: ${ioctls} ioctls/window (largest ${dev.largestIoctl} conversions; old one-syscall-per-sample reader 1000, ${fmt(1000 / ioctls, 0)}x more); window of 500 ms asked: first (planned delay) ${fmt(first, 2)} ms, paced median ${fmt(paced.median, 2)} ms, p95 ${fmt(paced.p95, 2)} ms (paced/first ${fmt(paced.median / first, 4)}, worst ${fmt((worst / 500) * 100, 2)} % off), delay ${fmt(source.delayUs ?? 0, 1)} µs`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<string[]> {
  const lines = [processing()];
  for (const kernel of KERNELS) lines.push(await onBus(kernel));
  lines.push(
    `(spidev model: 250 MHz core clock, 500 kHz asked, ${BUS.ioctlOverheadUs} µs per ioctl, ${BUS.schedulingJitterUs} µs mean wake-up latency, ${WINDOWS} windows; "paced" from the 6th window on)`,
  );
  return lines;
}
