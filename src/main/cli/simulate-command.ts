import { type SimulationFidelity, inSimulatedOutage, simulatedWindows } from '../acquisition/simulated-readings';
import type { WindowStats } from '../acquisition/window-stats';
import { loadConfig } from '../config/load-config';
import { defaultDbPath } from '../config/paths';
import { openDatabase } from '../storage/database';
import { ReadingColumns } from '../storage/reading-columns';
import { HistoryWriter } from '../storage/history-writer';
import { InstantSchema, instantOf } from '../../shared/instant';
import { isoLocal } from '../../shared/local-time';
import { type Command, UsageError } from './command';

function parseInstant(flag: 'from' | 'to', text: string | undefined, timeZone: string): number {
  if (text === undefined) throw new UsageError(`--${flag} is required (a local date, ISO 8601 or epoch ms)`);
  const r = InstantSchema.safeParse(/^\d+$/.test(text) ? Number(text) : text);
  if (!r.success) throw new UsageError(`--${flag}: expected a local date, an ISO 8601 time or epoch ms, got "${text}"`);
  return instantOf(r.data, timeZone, flag === 'from' ? 'start' : 'end');
}

function parseCount(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`--${flag} must be a positive whole number, got "${text}"`);
  return Number(text);
}

export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'backfill simulated history (readings and rollups) through the live storage path',
  usage:
    'corcy-power simulate --from DATE --to DATE [--batch N] [--waveform] [--no-outages] [--db PATH] [--config PATH]\n' +
    '  DATE: a local date of the configured zone (--to DATE includes that day), ISO 8601 (local time\n' +
    '  without an offset: 2026-01-01T06:00, 2026-01-01T06:00+01:00) or epoch ms. Readings every source.windowMs;\n' +
    '  raw rows only within storage.retentionDays of now, rollups for all. --batch: readings per transaction\n' +
    '  (default 20000). --waveform synthesises every sample (slow) instead of window statistics.',
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    batch: { type: 'string' },
    waveform: { type: 'boolean' },
    'no-outages': { type: 'boolean' },
  },
  run(ctx) {
    const config = loadConfig(ctx.configPath);
    const from = parseInstant('from', ctx.values.from as string | undefined, config.timeZone);
    const to = parseInstant('to', ctx.values.to as string | undefined, config.timeZone);
    if (to <= from) throw new UsageError('--to must be after --from');
    const batch = parseCount('batch', ctx.values.batch as string | undefined, 20_000);
    const fidelity: SimulationFidelity = ctx.values.waveform ? 'waveform' : 'statistics';
    const dbPath = ctx.dbPath ?? config.storage.path ?? defaultDbPath();
    const now = Date.now();
    const rawFrom = now - config.storage.retentionDays * 86_400_000;

    const db = openDatabase(dbPath);
    const writer = new HistoryWriter(db, {
      calibration: () => config.calibration,
      maxGapMs: () => config.storage.maxGapS * 1000,
      rawFrom: () => rawFrom,
      timeZone: () => config.timeZone,
      log: (line) => console.error(line),
    });
    const last = writer.lastT;
    if (last !== null && last >= from) {
      db.close();
      throw new UsageError(`${dbPath} already holds readings up to ${isoLocal(last, config.timeZone)}: simulate only appends after them`);
    }
    const make = simulatedWindows(config, fidelity, (config.source.seed ^ from) >>> 0);
    const step = config.source.windowMs;
    const seed = config.source.seed;
    const channel = config.source.channel;
    const outages = !ctx.values['no-outages'];
    const cols = new ReadingColumns(batch);
    const w: WindowStats = { n: 0, mean: 0, min: 0, max: 0, rms: 0 };
    const started = performance.now();
    let count = 0;
    try {
      for (let t = from + step; t <= to; t += step) {
        if (outages && inSimulatedOutage(t, seed)) continue;
        const flags = make(t, w);
        // The simulated monotonic clock is the simulated wall clock: no jumps in a backfill.
        cols.push(t, t, channel, w.mean, w.min, w.max, w.rms, flags);
        count++;
        if (cols.full) {
          writer.writeColumns(cols);
          cols.length = 0;
        }
      }
      writer.writeColumns(cols);
    } finally {
      db.close();
    }
    const s = (performance.now() - started) / 1000;
    console.log(
      `corcy-power simulate: ${count} readings ${isoLocal(from, config.timeZone)} .. ${isoLocal(to, config.timeZone)} in ${s.toFixed(1)} s ` +
        `(${Math.round(count / s)} readings/s, ${fidelity}); raw rows kept from ${isoLocal(Math.max(from, rawFrom), config.timeZone)}, into ${dbPath}`,
    );
    return 0;
  },
};
