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
const keyChannel = (k: number): number => k % 8;

/** A stored row's columns in a flat buffer (no object per row on the hot path), in ReadingRow order. */
export const COL = { key: 0, meanD: 1, minO: 2, maxO: 3, rmsMc: 4, spanMs: 5, flags: 6 } as const;
export const ROW_WIDTH = 7;

/** An imported row before its span is known: the stored columns less span_ms. */
export const STAGED = { key: 0, meanD: 1, minO: 2, maxO: 3, rmsMc: 4, flags: 5 } as const;
export const STAGED_WIDTH = 6;

/**
 * Writes the four statistics columns (mean_d, min_o, max_o, rms_mc) from `at`,
 * in that order (as both layouts hold them): the one place they are encoded.
 */
export function encodeStatsInto(out: Float64Array, at: number, mean: number, min: number, max: number, rms: number): void {
  out[at] = Math.round(mean * 1000) - MID_MC;
  out[at + 1] = Math.round(min) - MID;
  out[at + 2] = Math.round(max) - MID;
  out[at + 3] = Math.round(rms * 1000);
}

/** Writes one stored row at `at` of a flat buffer. */
export function encodeInto(out: Float64Array, at: number, t: number, channel: number, mean: number, min: number, max: number, rms: number, spanMs: number, flags: number): void {
  out[at + COL.key] = rowKey(t, channel);
  encodeStatsInto(out, at + COL.meanD, mean, min, max, rms);
  out[at + COL.spanMs] = spanMs;
  out[at + COL.flags] = flags;
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
