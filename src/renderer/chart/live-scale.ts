// The live chart's geometry, as pure functions: nice kW ticks, time ticks, and
// the line as one SVG path in a 1000 x 1000 box that CSS stretches to the chart.
// Computed once a second at most, in well under a millisecond for ten minutes of
// readings, which is what lets a Pi 3B+ draw it (a Plotly redraw cost 30 ms here).

/** The path's box: x and y from 0 to this. */
export const BOX = 1000;

export interface YScale {
  /** The top of the axis, kW: a nice number just above the highest point. */
  top: number;
  ticks: number[];
}

/** 1, 2, 2.5 or 5 times a power of ten: the smallest step giving at most `maxTicks` intervals. */
function niceStep(span: number, maxTicks: number): number {
  const raw = span / maxTicks;
  const p = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 2.5, 5, 10].find((m) => m * p >= raw) ?? 10) * p;
}

/** From 0 to a nice top at least 5 % above `maxKw` (0.5 kW at the least, so noise does not fill the chart). */
export function yScale(maxKw: number, maxTicks = 4): YScale {
  const span = Math.max(0.5, maxKw * 1.05);
  const step = niceStep(span, maxTicks);
  const top = Math.ceil(span / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(Number(v.toFixed(6)));
  return { top, ticks };
}

const MINUTE_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360];

/** Whole multiples of a round number of minutes inside [from, to], at most `maxTicks` of them. */
export function timeTicks(from: number, to: number, maxTicks = 6): number[] {
  const minutes = MINUTE_STEPS.find((m) => (to - from) / (m * 60_000) <= maxTicks) ?? MINUTE_STEPS.at(-1)!;
  const step = minutes * 60_000;
  const out: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) out.push(t);
  return out;
}

/** Where an instant falls across the box, 0 to BOX. */
export const xAt = (t: number, from: number, to: number): number => ((t - from) / (to - from)) * BOX;

/**
 * The line through the points from `from` on; a step of more than `maxGapMs`
 * between two readings starts a new piece, so that missing time is a gap.
 */
export function linePath(t: readonly number[], y: readonly number[], from: number, to: number, top: number, maxGapMs: number): string {
  const parts: string[] = [];
  let prev = -Infinity;
  for (let i = 0; i < t.length; i++) {
    const ti = t[i]!;
    if (ti < from) continue;
    const x = xAt(ti, from, to).toFixed(1);
    const v = (BOX - (Math.max(0, y[i]!) / top) * BOX).toFixed(1);
    parts.push(`${ti - prev > maxGapMs ? 'M' : 'L'}${x} ${v}`);
    prev = ti;
  }
  return parts.join('');
}
