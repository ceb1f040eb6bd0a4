import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CALIBRATION } from '../../../src/main/acquisition/calibration';
import { FloorEnergy } from '../../../src/main/energy/floor-energy';
import { COL, ROW_WIDTH, encodeInto } from '../../../src/main/storage/reading-codec';
import { rollupBucketings } from '../../../src/main/storage/rollup-levels';
import { RowBatch, rowBatchWriter } from '../../../src/main/storage/row-sink';
import { tempDb } from '../../helpers/history-db';

const dbs: ReturnType<typeof tempDb>[] = [];
afterEach(() => dbs.splice(0).forEach((d) => d.close()));

const T0 = Date.parse('2026-05-01T10:00:00Z');
const RAW_FROM = T0 + 30_000;
/** Each batch its own floor-rule stream, as each writer keeps its own. */
const options = () => ({ calibration: DEFAULT_CALIBRATION, energy: new FloorEnergy(DEFAULT_CALIBRATION), rawFrom: RAW_FROM, levels: rollupBucketings(() => 'Europe/Paris') });
const readings = Array.from({ length: 120 }, (_, i) => ({ t: T0 + (i + 1) * 500, rms: 3 + (i % 17), flags: i % 9 === 0 ? 1 : 0 }));

const contents = (db: ReturnType<typeof tempDb>) => ({
  raw: db.db.prepare('SELECT * FROM reading ORDER BY k').all(),
  minutes: db.db.prepare<[], { n: number } & Record<string, unknown>>('SELECT * FROM rollup_minute ORDER BY b').all(),
  days: db.db.prepare('SELECT * FROM rollup_day ORDER BY b').all(),
});

describe('RowBatch', () => {
  it('writes the same rows and rollups for a reading given by its statistics (live, simulator) or already encoded (import)', () => {
    const live = tempDb();
    const imported = tempDb();
    dbs.push(live, imported);
    const fromStats = new RowBatch(options(), readings.length);
    const fromEncoded = new RowBatch(options(), readings.length);
    const encoded = new Float64Array(ROW_WIDTH);
    readings.forEach((r, i) => {
      const span = i === 0 ? 0 : 500;
      fromStats.addReading(r.t, 0, 511.5, 480, 540, r.rms, span, r.flags);
      encodeInto(encoded, 0, r.t, 0, 511.5, 480, 540, r.rms, span, r.flags);
      fromEncoded.addEncoded(
        { key: encoded[COL.key]!, meanD: encoded[COL.meanD]!, minO: encoded[COL.minO]!, maxO: encoded[COL.maxO]!, rmsMc: encoded[COL.rmsMc]!, flags: encoded[COL.flags]! },
        span,
      );
    });
    live.db.transaction(() => rowBatchWriter(live.db)(fromStats))();
    imported.db.transaction(() => rowBatchWriter(imported.db)(fromEncoded))();
    const written = contents(live);
    // Readings before rawFrom go to the rollups only.
    expect(written.raw).toHaveLength(readings.filter((r) => r.t >= RAW_FROM).length);
    expect(written.minutes.reduce((n, m) => n + m.n, 0)).toBe(readings.length);
    expect(contents(imported)).toEqual(written);
  });
});
