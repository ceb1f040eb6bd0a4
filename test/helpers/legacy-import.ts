import type Database from 'better-sqlite3';
import { expect } from 'vitest';
import { type Config, ConfigSchema } from '../../src/main/config/config-schema';
import { EnergyQuery } from '../../src/main/energy/energy-query';
import { type ImportSummary, runImport } from '../../src/main/import/run-import';
import { sqliteSource } from '../../src/main/import/sqlite-source';
import { ROLLUP_LEVELS } from '../../src/main/storage/rollup-levels';
import { type LegacyRow, legacyWindows } from './legacy-db';

// What the sqlite import tests share: a source around a DST day, and the sums they compare.

export const TZ = 'Europe/Paris';
// Three local days around the end of summer time (2025-10-26 has 25 hours).
export const FROM_S = Date.parse('2025-10-25T00:00:00+02:00') / 1000;
export const TO_S = Date.parse('2025-10-28T00:00:00+01:00') / 1000;
export const NOW = Date.parse('2025-11-01T12:00:00Z');

export const configWith = (retentionDays: number): Config => ConfigSchema.parse({ storage: { retentionDays } });

/** The source's records with an hour missing on the 26th, as the old daemon's restarts left them. */
export function sourceRows(): (LegacyRow & { time: number; rms: number })[] {
  const hole = [Date.parse('2025-10-26T13:00:00Z') / 1000, Date.parse('2025-10-26T14:00:00Z') / 1000];
  return [...legacyWindows(FROM_S, TO_S, 1)].filter((r) => r.time < hole[0]! || r.time >= hole[1]!);
}

export async function importInto(dbPath: string, legacyPath: string, config: Config, batchSize = 20_000): Promise<ImportSummary> {
  const source = sqliteSource(legacyPath);
  try {
    return await runImport({ source, dbPath, config, dryRun: false, batchSize, now: NOW });
  } finally {
    await source.close();
  }
}

export function dayEnergies(db: Database.Database): Map<string, number> {
  const rows = new EnergyQuery(db, () => TZ).energy(FROM_S * 1000 - 86_400_000, TO_S * 1000 + 86_400_000, 'day');
  return new Map(rows.filter((r) => r.wh > 0).map((r) => [r.period, r.wh]));
}

export function expectSameEnergy(actual: Map<string, number>, expected: Map<string, number>): void {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [day, wh] of expected) {
    // Storage keeps rms to a thousandth of a count: ~1 mWh of rounding over a day.
    expect(Math.abs(actual.get(day)! - wh), `energy of ${day}: ${actual.get(day)} Wh vs ${wh} Wh from the source`).toBeLessThan(0.01 + wh * 1e-7);
  }
}

export const rollupSums = (db: Database.Database): unknown[] =>
  ROLLUP_LEVELS.map((l) => db.prepare(`SELECT count(*) AS rows, sum(n) AS n, sum(energy_mj) AS e, sum(covered_ms) AS c, sum(missing_ms) AS m FROM rollup_${l}`).get());
