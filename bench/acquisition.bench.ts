import { DEFAULT_CALIBRATION } from '../src/main/acquisition/calibration';
import { DEFAULT_HEALTH } from '../src/main/acquisition/health';
import { Mcp3008Source } from '../src/main/acquisition/mcp3008-source';
import { toReading } from '../src/main/acquisition/reading';
import { synthesizeWindow } from '../src/main/acquisition/waveform';
import { WriteQueue } from '../src/main/storage/write-queue';
import { FakeSpiDevice, fakeOpener } from '../test/helpers/fake-spidev';
import { fmt, summarize, timeRuns } from './stats';

const SETTINGS = { channel: 0, calibration: DEFAULT_CALIBRATION, health: DEFAULT_HEALTH };
const WAVE = { mainsHz: 50, midScale: 511.5, ampsPerCount: 0.27, noiseCounts: 0.6 };

/** Per-window processing (statistics, calibration, health, enqueue) and SPI transfers per window. */
export async function run(): Promise<string[]> {
  const samples = synthesizeWindow(new Uint16Array(1000), 1_790_000_000_000, 500, () => 9, 1, WAVE);
  const queue = new WriteQueue({ write: () => undefined, flushIntervalMs: 60_000 });
  let sink = 0;
  // Baseline: one pass that only reads the 1000 samples.
  const baseline = summarize(timeRuns(5000, () => {
    let s = 0;
    for (let i = 0; i < samples.length; i++) s += samples[i]!;
    sink += s;
  }));
  const processing = summarize(timeRuns(5000, () => {
    const r = toReading({ samples, lost: 0 }, 1, SETTINGS);
    queue.enqueue(r);
    if (queue.size > 1000) queue.flush();
  }));

  const dev = new FakeSpiDevice({ signal: (i) => 511.5 + 100 * Math.sin(i / 3) });
  const source = new Mcp3008Source({ bus: 0, device: 0, channel: 0, samples: 1000, windowMs: 500, speedHz: 500_000, opener: fakeOpener(() => dev, { status: 'present' }) });
  await source.open();
  const windows = 200;
  for (let i = 0; i < windows; i++) await source.readWindow();
  void sink;
  return [
    `per-window processing (stats + calibration + health + enqueue, 1000 samples): median ${fmt(processing.median * 1000, 1)} µs, p95 ${fmt(processing.p95 * 1000, 1)} µs; baseline one read pass ${fmt(baseline.median * 1000, 1)} µs (ratio ${fmt(processing.median / baseline.median, 1)}x); share of the 500 ms window: ${fmt((processing.median / 500) * 100, 4)} %`,
    `SPI transfers per window (fake spidev, ${windows} windows): ${dev.ioctls / windows} ioctls of ${dev.largestIoctl} messages; the old one-syscall-per-sample reader: 1000 (ratio ${fmt(1000 / (dev.ioctls / windows), 0)}x fewer)`,
  ];
}
