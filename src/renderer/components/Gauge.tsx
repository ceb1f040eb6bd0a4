import { useLayoutEffect, useRef } from 'react';
import type { Reading } from '../../shared/contract';
import { useWords } from '../app-context';
import { GAUGE, arcPath, gaugeView } from '../gauge-view';
import type { ReadingStore } from '../reading-store';

interface GaugeProps {
  readings: ReadingStore;
  maxW: number;
}

/** Sets an attribute or a text only when it changes: an unchanged write still costs the page a style pass. */
function put(el: Element | null, key: string, value: string): void {
  if (!el) return;
  if (key === 'text') {
    if (el.textContent !== value) el.textContent = value;
  } else if (el.getAttribute(key) !== value) el.setAttribute(key, value);
}

/**
 * The half ring and the number of the power drawn now. React draws it once;
 * each reading (two a second) then writes the few attributes and texts that
 * change straight into it. Through React, those readings cost a Pi 3B+ more
 * main-thread time than the rest of the screen (see `npm run bench -- footprint`).
 * data-reading-t and data-watts let a test tell when a reading reached the screen.
 */
export function Gauge({ readings, maxW }: GaugeProps) {
  const { t, tag } = useWords();
  const figure = useRef<HTMLElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const arc = useRef<SVGPathElement>(null);
  const value = useRef<HTMLSpanElement>(null);
  const unit = useRef<HTMLSpanElement>(null);

  useLayoutEffect(() => {
    const show = (r: Reading | null): void => {
      const watts = r?.powerW ?? null;
      const v = gaugeView(watts, maxW, tag);
      put(figure.current, 'data-reading-t', r === null ? '' : String(r.t));
      put(figure.current, 'data-watts', watts === null ? '' : String(watts));
      put(svg.current, 'aria-label', `${t.main} ${v.value} ${v.unit}`);
      put(arc.current, 'd', v.arc ?? '');
      put(arc.current, 'stroke', v.colour);
      put(value.current, 'text', v.value);
      put(unit.current, 'text', v.unit);
    };
    show(readings.latest());
    return readings.subscribe(show);
  }, [readings, maxW, t, tag]);

  return (
    <figure className="gauge" data-testid="gauge" ref={figure}>
      <svg viewBox={GAUGE.viewBox} role="img" ref={svg}>
        <path d={arcPath(1)} className="gauge-track" strokeWidth={GAUGE.STROKE} fill="none" />
        <path ref={arc} strokeWidth={GAUGE.STROKE} fill="none" />
      </svg>
      <figcaption>
        <span className="gauge-value" data-testid="gauge-value" ref={value} />
        <span className="gauge-unit" ref={unit} />
        <span className="gauge-label">{t.main}</span>
      </figcaption>
    </figure>
  );
}
