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

/** rms in thousandths of a count, as stored: power is always computed from this. */
export const rmsMilli = (rms: number): number => Math.round(rms * 1000);

export function encodeReading(r: StoredReading, spanMs: number): ReadingRow {
  return {
    k: rowKey(r.t, r.channel),
    mean_d: Math.round(r.mean * 1000) - MID_MC,
    min_o: Math.round(r.min) - MID,
    max_o: Math.round(r.max) - MID,
    rms_mc: rmsMilli(r.rms),
    span_ms: spanMs,
    flags: r.flags,
  };
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
