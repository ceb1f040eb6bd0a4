import { type Calibration, currentFromRms, powerFromCurrent } from '../acquisition/calibration';
import type { StoredReading } from './reading-store';

// The compact row of schema v2 (see migrations.ts): small integers around
// mid-scale so that most columns take one byte on disk.

const MID_MC = 511_500;
const MID = 512;

export interface ReadingRow {
  k: number;
  mean_d: number;
  min_o: number;
  max_o: number;
  rms_mc: number;
  span_ms: number;
  flags: number;
}

export const rowKey = (t: number, channel: number): number => t * 8 + channel;
export const keyTime = (k: number): number => Math.floor(k / 8);
export const keyChannel = (k: number): number => k % 8;

/** Columns per row in a flat buffer, in ReadingRow order. */
export const ROW_WIDTH = 7;
/** Where rms_mc sits in a row of the flat buffer. */
export const RMS_COLUMN = 4;

/** Writes the four statistics columns (mean_d, min_o, max_o, rms_mc) from `at`: the one place they are encoded. */
export function encodeStatsInto(out: Float64Array, at: number, mean: number, min: number, max: number, rms: number): void {
  out[at] = Math.round(mean * 1000) - MID_MC;
  out[at + 1] = Math.round(min) - MID;
  out[at + 2] = Math.round(max) - MID;
  out[at + 3] = Math.round(rms * 1000);
}

/** Writes one row's columns at `at` in a flat buffer: no object per row on the hot path. */
export function encodeInto(out: Float64Array, at: number, t: number, channel: number, mean: number, min: number, max: number, rms: number, spanMs: number, flags: number): void {
  out[at] = rowKey(t, channel);
  encodeStatsInto(out, at + 1, mean, min, max, rms);
  out[at + 5] = spanMs;
  out[at + 6] = flags;
}

export function decodeReading(row: ReadingRow): StoredReading & { spanMs: number } {
  return {
    t: keyTime(row.k),
    channel: keyChannel(row.k),
    mean: (row.mean_d + MID_MC) / 1000,
    min: row.min_o + MID,
    max: row.max_o + MID,
    rms: row.rms_mc / 1000,
    flags: row.flags,
    spanMs: row.span_ms,
  };
}

/** Power from a stored row's rms (thousandths of a count): what rollups sum, the same for every writer. */
export const storedPower = (rmsMc: number, cal: Calibration): number => powerFromCurrent(currentFromRms(rmsMc / 1000, cal), cal);
