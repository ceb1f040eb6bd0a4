import type { HistoryResponse } from '../shared/contract';
import { toZonedWallClock } from '../shared/local-time';

// What the chart shows, as plain data and pure functions, so gestures and gaps
// are tested without a browser.

export const PRESETS = [
  { id: 'live', ms: 10 * 60_000 },
  { id: '1h', ms: 3_600_000 },
  { id: '24h', ms: 86_400_000 },
  { id: '7d', ms: 7 * 86_400_000 },
  { id: '30d', ms: 30 * 86_400_000 },
  { id: '1y', ms: 365 * 86_400_000 },
] as const;
export type PresetId = (typeof PRESETS)[number]['id'];

export interface Range {
  from: number;
  to: number;
}

/** Live: the scrolling chart. A preset follows "now"; a range left by a gesture stays put. */
export type View = { kind: 'live' } | { kind: 'preset'; preset: Exclude<PresetId, 'live'> } | { kind: 'fixed'; range: Range };

export const MIN_SPAN_MS = 60_000;
const MAX_SPAN_MS = 20 * 365 * 86_400_000;

export function presetRange(id: PresetId, now: number): Range {
  const p = PRESETS.find((x) => x.id === id)!;
  return { from: now - p.ms, to: now };
}

/** The oftenest a preset's data is fetched again (it follows the clock). */
export const MIN_REFRESH_MS = 30_000;
/** About the points across a kiosk's chart (800 px, one point a pixel). */
const POINTS_ACROSS = 800;

/**
 * How often a preset fetches its data again: when the clock has moved by about
 * one point of the chart, and not more often than MIN_REFRESH_MS. A redraw
 * sooner would show the same picture; on a Pi 3B+ each Plotly redraw of the
 * 24 h view costs over a second of main thread.
 */
export function presetRefreshMs(id: Exclude<PresetId, 'live'>): number {
  const p = PRESETS.find((x) => x.id === id)!;
  return Math.max(MIN_REFRESH_MS, Math.round(p.ms / POINTS_ACROSS));
}

/** Shift by a fraction of the width: dragging right (dx > 0) goes back in time. Never past `now`. */
export function pan(r: Range, dxFraction: number, now: number): Range {
  const span = r.to - r.from;
  let shift = -dxFraction * span;
  if (r.to + shift > now) shift = now - r.to;
  return { from: Math.round(r.from + shift), to: Math.round(r.to + shift) };
}

/** Zoom by `factor` (> 1 narrows the span) keeping the instant under `anchor` (0 left .. 1 right) in place. */
export function zoom(r: Range, factor: number, anchor: number, now: number): Range {
  const span = r.to - r.from;
  const next = Math.min(MAX_SPAN_MS, Math.max(MIN_SPAN_MS, span / factor));
  const at = r.from + anchor * span;
  let from = at - anchor * next;
  let to = from + next;
  if (to > now) {
    to = now;
    from = now - next;
  }
  return { from: Math.round(from), to: Math.round(to) };
}

export interface ChartSeries {
  x: string[];
  mean: (number | null)[];
  min: (number | null)[];
  max: (number | null)[];
  /** Buckets drawn as gaps. */
  gaps: number;
}

/**
 * Columns for Plotly in kW, with a null (a break in the line and the band)
 * wherever a bucket is mostly missing time or buckets are absent: a gap is shown
 * as a gap, never as a straight line across it.
 */
export function toChartSeries(h: HistoryResponse, timeZone: string): ChartSeries {
  const out: ChartSeries = { x: [], mean: [], min: [], max: [], gaps: 0 };
  const kw = (w: number | null): number | null => (w === null ? null : w / 1000);
  const brk = (t: number): void => {
    out.x.push(toZonedWallClock(t, timeZone));
    out.mean.push(null);
    out.min.push(null);
    out.max.push(null);
    out.gaps++;
  };
  for (let i = 0; i < h.t.length; i++) {
    const t = h.t[i]!;
    const prev = i > 0 ? h.t[i - 1]! : null;
    if (prev !== null && t - prev > 1.5 * h.bucketMs) brk(prev + h.bucketMs);
    if (h.missingS[i]! * 1000 > h.bucketMs / 2 || h.mean[i] === null) {
      brk(t);
      continue;
    }
    out.x.push(toZonedWallClock(t + h.bucketMs / 2, timeZone));
    out.mean.push(kw(h.mean[i]!));
    out.min.push(kw(h.min[i]!));
    out.max.push(kw(h.max[i]!));
  }
  return out;
}
