import Plotly from 'plotly.js-dist-min';
import { useEffect, useRef, useState } from 'react';
import type { HistoryResponse } from '../../shared/contract';
import { toZonedWallClock } from '../../shared/local-time';
import { type Range, toChartSeries } from '../view-range';

interface HistoryChartProps {
  range: Range;
  timeZone: string;
  load(range: Range, maxPoints: number): Promise<HistoryResponse>;
  title: string;
}

/** Fetches at most this long after the range stops moving: a drag costs one query, not sixty. */
const SETTLE_MS = 120;

/**
 * A range of history: the mean line over the min/max band, so that a kettle's
 * two-second spike still shows on a year; gaps are breaks in both. The x range
 * follows gestures at once; the data follows when the range settles.
 */
export function HistoryChart({ range, timeZone, load, title }: HistoryChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const [data, setData] = useState<HistoryResponse | null>(null);

  useEffect(() => {
    const node = el.current;
    if (!node) return;
    let alive = true;
    const timer = setTimeout(() => {
      const maxPoints = Math.max(50, Math.min(1000, Math.round(node.clientWidth)));
      load(range, maxPoints)
        .then((h) => alive && setData(h))
        .catch(() => undefined);
    }, SETTLE_MS);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [range.from, range.to, load]);

  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const s = data ? toChartSeries(data, timeZone) : { x: [], mean: [], min: [], max: [], gaps: 0 };
    const band = data !== null && data.level !== 'raw';
    const line = { color: '#4fc3f7', width: 2 };
    const edge = { color: 'rgba(79,195,247,0.35)', width: 0 };
    void Plotly.react(
      node,
      [
        { type: 'scatter', mode: 'lines', x: s.x, y: band ? s.min : [], line: edge, hoverinfo: 'skip', connectgaps: false },
        { type: 'scatter', mode: 'lines', x: s.x, y: band ? s.max : [], line: edge, fill: 'tonexty', fillcolor: 'rgba(79,195,247,0.25)', hoverinfo: 'skip', connectgaps: false },
        { type: 'scatter', mode: 'lines', x: s.x, y: s.mean, line, connectgaps: false, hovertemplate: '%{y:.2f} kW<extra></extra>' },
      ],
      {
        paper_bgcolor: 'rgba(0,0,0,0)',
        plot_bgcolor: 'rgba(0,0,0,0)',
        font: { color: '#c9d4e0', size: 14 },
        margin: { l: 48, r: 12, t: 8, b: 32 },
        xaxis: { type: 'date', range: [toZonedWallClock(range.from, timeZone), toZonedWallClock(range.to, timeZone)], gridcolor: '#223', fixedrange: true },
        yaxis: { title: { text: 'kW' }, rangemode: 'tozero', gridcolor: '#223', fixedrange: true },
        showlegend: false,
      },
      { displayModeBar: false, responsive: true },
    );
  }, [data, range.from, range.to, timeZone]);

  useEffect(() => {
    const node = el.current;
    return () => {
      if (node) Plotly.purge(node);
    };
  }, []);

  return (
    <div
      className="chart"
      ref={el}
      data-testid="history-chart"
      data-level={data?.level ?? ''}
      data-points={data?.t.length ?? 0}
      data-from={range.from}
      data-to={range.to}
      aria-label={title}
    />
  );
}
