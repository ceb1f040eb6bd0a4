import Plotly from 'plotly.js-dist-min';
import { useEffect, useRef } from 'react';
import type { Reading } from '../../shared/contract';
import { toZonedWallClock } from '../../shared/local-time';
import { BoundedSeries } from '../chart/bounded-series';
import { drawLive } from '../chart/plots';

interface LiveChartProps {
  /** Registers a listener for new readings; returns its removal. */
  onReading(listener: (r: Reading) => void): () => void;
  loadRecent(): Promise<Reading[]>;
  minutes: number;
  timeZone: string;
  title: string;
}

/**
 * The scrolling chart of the last minutes. One trace over arrays of bounded
 * length, redrawn at most once per animation frame: months of uptime leave the
 * DOM and the heap as they were after the first ten minutes.
 */
export function LiveChart({ onReading, loadRecent, minutes, timeZone, title }: LiveChartProps) {
  const el = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const node = el.current;
    if (!node) return;
    // Up to 4 readings a second, so a shorter window never empties the chart.
    const cap = minutes * 60 * 4;
    const series = new BoundedSeries(cap, (t) => toZonedWallClock(t, timeZone));
    let revision = 0;
    let frame = 0;
    let alive = true;
    const add = (r: Reading): void => void series.push(r.t, r.powerW / 1000);

    const draw = (): void => {
      frame = 0;
      if (!alive) return;
      drawLive(node, series, series.lastT ?? Date.now(), minutes, timeZone, ++revision);
    };
    const schedule = (): void => {
      if (!frame) frame = requestAnimationFrame(draw);
    };

    const early: Reading[] = [];
    let loaded = false;
    const off = onReading((r) => {
      if (!loaded) return void early.push(r);
      add(r);
      schedule();
    });
    void loadRecent()
      .catch(() => [] as Reading[])
      .then((history) => {
        for (const r of history) add(r);
        for (const r of early) add(r);
        loaded = true;
        schedule();
      });

    return () => {
      alive = false;
      off();
      if (frame) cancelAnimationFrame(frame);
      Plotly.purge(node);
    };
  }, [onReading, loadRecent, minutes, timeZone]);

  return <div className="chart" ref={el} data-testid="live-chart" aria-label={title} />;
}
