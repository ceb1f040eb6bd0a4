import { formatPower } from '../../shared/format';
import { useWords } from '../app-context';

interface GaugeProps {
  watts: number | null;
  maxW: number;
  /** The reading's time, so a test can tell when a new one arrived. */
  readingT: number | null;
}

const R = 86;
const STROKE = 26;

/** Point on the half ring at fraction f (0 = left, 1 = right). */
function at(f: number): [number, number] {
  const a = Math.PI * (1 - f);
  return [100 + R * Math.cos(a), 100 - R * Math.sin(a)];
}

function arc(f: number): string {
  const [x0, y0] = at(0);
  const [x1, y1] = at(Math.max(0.0001, Math.min(1, f)));
  return `M ${x0} ${y0} A ${R} ${R} 0 0 1 ${x1} ${y1}`;
}

const colour = (f: number): string => (f < 0.5 ? 'var(--ok)' : f < 0.8 ? 'var(--warn)' : 'var(--alarm)');

export function Gauge({ watts, maxW, readingT }: GaugeProps) {
  const { t, tag } = useWords();
  const label = t.main;
  const f = watts === null ? 0 : watts / maxW;
  const shown = watts === null ? { value: '–', unit: 'W' } : formatPower(watts, tag);
  return (
    <figure className="gauge" data-testid="gauge" data-reading-t={readingT ?? ''} data-watts={watts ?? ''}>
      <svg viewBox="0 0 200 112" role="img" aria-label={`${label} ${shown.value} ${shown.unit}`}>
        <path d={arc(1)} className="gauge-track" strokeWidth={STROKE} fill="none" />
        {watts !== null && <path d={arc(f)} stroke={colour(f)} strokeWidth={STROKE} fill="none" />}
      </svg>
      <figcaption>
        <span className="gauge-value" data-testid="gauge-value">
          {shown.value}
        </span>
        <span className="gauge-unit">{shown.unit}</span>
        <span className="gauge-label">{label}</span>
      </figcaption>
    </figure>
  );
}
