import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { connectAsync } from 'mqtt';
import { DEFAULT_CALIBRATION } from '../src/main/acquisition/calibration';
import { DEFAULT_HEALTH } from '../src/main/acquisition/health';
import { toReading } from '../src/main/acquisition/reading';
import { synthesizeWindow } from '../src/main/acquisition/waveform';
import { MqttService } from '../src/main/mqtt/mqtt-service';
import { WriteQueue } from '../src/main/storage/write-queue';
import { MqttConfigSchema } from '../src/shared/mqtt-schema';
import { type Broker, startBroker } from '../test/helpers/mosquitto';
import { fmt, summarize } from './stats';

const SETTINGS = { channel: 0, calibration: DEFAULT_CALIBRATION, health: DEFAULT_HEALTH };
const WAVE = { mainsHz: 50, midScale: 511.5, ampsPerCount: 0.27, noiseCounts: 0.6 };
const WINDOWS = 1500;
/** Windows come 10 ms apart (50x the real rate) so the publishing timers run between them, at 0.5 s. */
const GAP_MS = 10;

type Mode = 'off' | 'on' | 'broker down';

async function windowsWith(mode: Mode, broker: Broker): Promise<{ perWindow: number[]; loopP99Ms: number }> {
  const samples = synthesizeWindow(new Uint16Array(1000), 1_790_000_000_000, 500, () => 9, 1, WAVE);
  const queue = new WriteQueue({ write: () => undefined, flushIntervalMs: 60_000 });
  const mqtt = new MqttService({ version: 'bench', lifetimeWh: () => 1234, onChange: () => undefined, log: () => undefined });
  if (mode !== 'off') {
    await mqtt.apply(MqttConfigSchema.parse({ enabled: true, url: broker.url, username: broker.user, password: broker.password, node: 'bench', powerIntervalS: 0.5 }));
  }
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const perWindow: number[] = [];
  for (let i = 0; i < WINDOWS; i++) {
    const t = performance.now();
    const r = toReading({ samples, lost: 0 }, 1_790_000_000_000 + i * 500, SETTINGS);
    queue.enqueue(r);
    mqtt.noteReading(r);
    if (queue.size > 1000) queue.flush();
    perWindow.push(performance.now() - t);
    await new Promise((resolve) => setTimeout(resolve, GAP_MS));
  }
  loop.disable();
  await mqtt.stop();
  return { perWindow, loopP99Ms: loop.percentile(99) / 1e6 };
}

/** Messages a box sends in `seconds` at the default 5 s power interval, counted by a subscriber. */
async function messagesPerSecond(broker: Broker, seconds: number): Promise<number> {
  const watcher = await connectAsync(broker.url, { username: broker.user, password: broker.password });
  let n = 0;
  watcher.on('message', () => n++);
  await watcher.subscribeAsync(['corcypower/rate/#']);
  const mqtt = new MqttService({ version: 'bench', lifetimeWh: () => 1234, onChange: () => undefined, log: () => undefined });
  await mqtt.apply(MqttConfigSchema.parse({ enabled: true, url: broker.url, username: broker.user, password: broker.password, node: 'rate' }));
  const samples = synthesizeWindow(new Uint16Array(1000), 0, 500, () => 9, 1, WAVE);
  // Let the connection's one-off messages (status, retained energy) pass first.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const feed = setInterval(() => mqtt.noteReading(toReading({ samples, lost: 0 }, Date.now(), SETTINGS)), 500);
  const start = n;
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const sent = n - start;
  clearInterval(feed);
  await mqtt.stop();
  await watcher.endAsync();
  return sent / seconds;
}

/** Per-window processing with MQTT off, on (publishing every 0.5 s) and with the broker down, in one run. */
export async function run(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'corcy-bench-mqtt-'));
  const broker = await startBroker(dir);
  try {
    await windowsWith('off', broker); // warm-up: the JIT, not MQTT, would make the first mode slowest
    // Rounds alternate the modes so that the machine's other load falls on all of them alike.
    const runs: Record<Mode, { perWindow: number[]; loopP99Ms: number[] }> = {
      off: { perWindow: [], loopP99Ms: [] },
      on: { perWindow: [], loopP99Ms: [] },
      'broker down': { perWindow: [], loopP99Ms: [] },
    };
    const add = (mode: Mode, r: { perWindow: number[]; loopP99Ms: number }): void => {
      runs[mode].perWindow.push(...r.perWindow);
      runs[mode].loopP99Ms.push(r.loopP99Ms);
    };
    for (let round = 0; round < 3; round++) {
      add('off', await windowsWith('off', broker));
      add('on', await windowsWith('on', broker));
    }
    await broker.kill();
    for (let round = 0; round < 3; round++) {
      add('broker down', await windowsWith('broker down', broker));
      add('off', await windowsWith('off', broker));
    }
    await broker.restart();
    const rate = await messagesPerSecond(broker, 20);
    const base = summarize(runs.off.perWindow);
    const line = (mode: Mode): string => {
      const s = summarize(runs[mode].perWindow);
      const loop = summarize(runs[mode].loopP99Ms);
      return `MQTT ${mode}: per-window processing median ${fmt(s.median * 1000, 1)} µs, p95 ${fmt(s.p95 * 1000, 1)} µs (ratio to off ${fmt(s.median / base.median, 2)}x); event-loop delay p99 (median of runs) ${fmt(loop.median, 2)} ms`;
    };
    return [
      `${WINDOWS} windows of 1000 samples per run (stats + calibration + health + enqueue + hand-off to MQTT), one every ${GAP_MS} ms, power published every 0.5 s; 6 runs off, 3 on, 3 with the broker down, interleaved`,
      line('off'),
      line('on'),
      line('broker down'),
      `messages sent at the default rate (power and current every 5 s, health and source on change, energy every 60 s when it moves), counted by a subscriber over 20 s: ${fmt(rate, 2)} per second`,
    ];
  } finally {
    await broker.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
