import Plotly from 'plotly.js-dist-min';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { HistoryResponse } from '../../shared/contract';
import { drawHistory } from '../chart/plots';
import type { Range } from '../view-range';

interface HistoryChartProps {
  range: Range;
  timeZone: string;
  load: (range: Range, maxPoints: number) => Promise<HistoryResponse>;
  title: string;
}

/** Fetches at most this long after the range stops moving: a drag costs one query, not sixty. */
const SETTLE_MS = 120;

/**
 * A range of history: the mean line over the min/max band, so that a kettle's
 * two-second spike still shows on a year; gaps are breaks in both. The x range
 * follows gestures at once; the data follows when the range settles.
 */
export function HistoryChart({ range: given, timeZone, load, title }: HistoryChartProps) {
  const el = useRef<HTMLDivElement>(null);
  // A new object with the same bounds (each status rerenders the parent) is the same range: no refetch, no redraw.
  const range = useMemo(() => ({ from: given.from, to: given.to }), [given.from, given.to]);
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
  }, [range, load]);

  useEffect(() => {
    const node = el.current;
    if (!node) return;
    drawHistory(node, data, range, timeZone);
  }, [data, range, timeZone]);

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
