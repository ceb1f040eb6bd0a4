import { useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { Reading } from '../../shared/contract';
import { BoundedSeries } from '../chart/bounded-series';
import { useWords } from '../app-context';
import { formatNumber } from '../locale-format';
import { BOX, type YScale, linePath, timeTicks, xAt, yScale } from '../chart/live-scale';

interface LiveChartProps {
  /** Registers a listener for new readings; returns its removal. */
  onReading: (listener: (r: Reading) => void) => () => void;
  loadRecent: () => Promise<Reading[]>;
  minutes: number;
  timeZone: string;
  title: string;
  /** Nobody is looking (the screen is dimmed for the night): draw nothing until this clears. */
  paused?: boolean;
}

/** The gauge follows every reading; the chart needs no more than this. */
const DRAW_PERIOD_MS = 1000;
/** Readings come every 500 ms, give or take: a draw is due at the one nearest a second. */
const WINDOW_SLACK_MS = 100;
/** A longer step between readings is missing time, drawn as a gap. */
const MAX_GAP_MS = 10_000;

interface Frame {
  d: string;
  from: number;
  to: number;
  y: YScale;
  times: number[];
  points: number;
}

/** The grid, the line and the axis labels of one frame. */
function LivePlot({ frame: f, timeZone }: { frame: Frame | null; timeZone: string }) {
  const { tag: localeTag } = useWords();
  const hhmm = useMemo(() => new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }), [timeZone]);
  return (
    <div className="live-plot">
      <svg viewBox={`0 0 ${BOX} ${BOX}`} preserveAspectRatio="none" aria-hidden="true">
        {f?.y.ticks.map((v) => (
          <line key={`y${v}`} className="live-grid" x1={0} x2={BOX} y1={BOX - (v / f.y.top) * BOX} y2={BOX - (v / f.y.top) * BOX} />
        ))}
        {f?.times.map((t) => (
          <line key={`x${t}`} className="live-grid" x1={xAt(t, f.from, f.to)} x2={xAt(t, f.from, f.to)} y1={0} y2={BOX} />
        ))}
        <path className="live-line" d={f?.d ?? ''} />
      </svg>
      {f?.y.ticks.map((v) => (
        <span key={`yl${v}`} className="live-y-label" style={{ bottom: `${(v / f.y.top) * 100}%` }}>
          {formatNumber(v, localeTag)}
        </span>
      ))}
      {f?.times.map((t) => (
        <span key={`xl${t}`} className="live-x-label" style={{ left: `${xAt(t, f.from, f.to) / (BOX / 100)}%` }}>
          {hhmm.format(t)}
        </span>
      ))}
      <span className="live-unit">kW</span>
    </div>
  );
}

/**
 * The scrolling chart of the last minutes: one SVG path, rebuilt at most once a
 * second from arrays of bounded length, and only while someone can see it (not
 * in a hidden tab, not on a dimmed screen). Months of uptime leave the DOM and
 * the heap as they were after the first ten minutes.
 */
export function LiveChart({ onReading, loadRecent, minutes, timeZone, title, paused = false }: LiveChartProps) {
  const [frame, setFrame] = useState<Frame | null>(null);
  const pausedNow = useRef(paused);
  const drawNow = useRef<() => void>(() => undefined);

  useEffect(() => {
    // Up to 4 readings a second, so a shorter window never empties the chart.
    const series = new BoundedSeries(minutes * 60 * 4);
    let dirty = false;
    let loaded = false;
    let drawnAt = -Infinity;
    const early: Reading[] = [];
    const draw = (now = false): void => {
      if (!dirty || !loaded || document.hidden || pausedNow.current) return;
      dirty = false;
      drawnAt = performance.now();
      const to = series.lastT ?? Date.now();
      const from = to - minutes * 60_000;
      let max = 0;
      for (let i = series.length - 1; i >= 0 && series.t[i]! >= from; i--) max = Math.max(max, series.y[i]!);
      const y = yScale(max);
      const next = { d: linePath(series.t, series.y, from, to, y.top, MAX_GAP_MS), from, to, y, times: timeTicks(from, to), points: series.length };
      // With a reading, rendered at once: the gauge was written in this same task, so both land in one frame, not two.
      if (now) flushSync(() => setFrame(next));
      else setFrame(next);
    };
    drawNow.current = draw;
    const add = (r: Reading): void => void (series.push(r.t, r.powerW / 1000) && (dirty = true));
    // Drawn with a reading, in the frame that redraws the gauge anyway, once a second at most.
    const off = onReading((r) => {
      if (!loaded) return void early.push(r);
      add(r);
      if (performance.now() - drawnAt >= DRAW_PERIOD_MS - WINDOW_SLACK_MS) draw(true);
    });
    void loadRecent()
      .catch(() => [] as Reading[])
      .then((history) => {
        for (const r of [...history, ...early]) add(r);
        loaded = true;
        draw();
      });
    const onVisible = (): void => draw();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      off();
      document.removeEventListener('visibilitychange', onVisible);
      drawNow.current = () => undefined;
    };
  }, [onReading, loadRecent, minutes]);

  useEffect(() => {
    pausedNow.current = paused;
    if (!paused) drawNow.current();
  }, [paused]);

  return (
    <div className="chart live-chart" data-testid="live-chart" aria-label={title} role="img" data-points={frame?.points ?? 0} data-drawn-t={frame?.to ?? ''}>
      <LivePlot frame={frame} timeZone={timeZone} />
    </div>
  );
}
