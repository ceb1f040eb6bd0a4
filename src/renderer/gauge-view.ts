import { formatPower } from '../shared/format';

// What the gauge shows for one reading, as a pure function of it: the arc's
// path and colour, and the number. Computed at every reading (twice a second).

const R = 86;
const STROKE = 26;

export const GAUGE = { R, STROKE, viewBox: '0 0 200 112' } as const;

/** Point on the half ring at fraction f (0 = left, 1 = right). */
function at(f: number): [number, number] {
  const a = Math.PI * (1 - f);
  return [100 + R * Math.cos(a), 100 - R * Math.sin(a)];
}

export function arcPath(f: number): string {
  const [x0, y0] = at(0);
  const [x1, y1] = at(Math.max(0.0001, Math.min(1, f)));
  return `M ${x0} ${y0} A ${R} ${R} 0 0 1 ${x1} ${y1}`;
}

export interface GaugeView {
  /** The filled part of the ring; null before the first reading. */
  arc: string | null;
  colour: 'var(--ok)' | 'var(--warn)' | 'var(--alarm)';
  value: string;
  unit: string;
}

export function gaugeView(watts: number | null, maxW: number, tag: string): GaugeView {
  const f = watts === null ? 0 : watts / maxW;
  const shown = watts === null ? { value: '–', unit: 'W' } : formatPower(watts, tag);
  return {
    arc: watts === null ? null : arcPath(f),
    colour: f < 0.5 ? 'var(--ok)' : f < 0.8 ? 'var(--warn)' : 'var(--alarm)',
    value: shown.value,
    unit: shown.unit,
  };
}
