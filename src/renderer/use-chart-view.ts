import { type RefObject, useCallback, useEffect, useMemo, useState } from 'react';
import { usePanZoom } from './use-pan-zoom';
import { type PresetId, type Range, type View, pan, presetRange, presetRefreshMs, zoom } from './view-range';

function rangeOf(view: View, now: number, liveMs: number): Range {
  if (view.kind === 'fixed') return view.range;
  if (view.kind === 'live') return { from: now - liveMs, to: now };
  return presetRange(view.preset, now);
}

/** What the chart shows: live, a preset that follows the clock, or a range panned and pinched to on `area`. */
export function useChartView(area: RefObject<HTMLDivElement | null>, liveMs: number) {
  const [view, setView] = useState<View>({ kind: 'live' });
  const [tick, setTick] = useState(() => Date.now());
  useEffect(() => {
    // A preset ("last 24 h") moves with the clock.
    if (view.kind !== 'preset') return;
    const id = setInterval(() => setTick(Date.now()), presetRefreshMs(view.preset));
    return () => clearInterval(id);
  }, [view]);
  const range = useMemo(() => rangeOf(view, tick, liveMs), [view, tick, liveMs]);
  const pick = useCallback((id: PresetId) => {
    setTick(Date.now());
    setView(id === 'live' ? { kind: 'live' } : { kind: 'preset', preset: id });
  }, []);
  usePanZoom(area, {
    onPan: (dx) => setView((v) => ({ kind: 'fixed', range: pan(rangeOf(v, Date.now(), liveMs), dx, Date.now()) })),
    onZoom: (factor, at) => setView((v) => ({ kind: 'fixed', range: zoom(rangeOf(v, Date.now(), liveMs), factor, at, Date.now()) })),
    onEnd: () => undefined,
  });
  return { view, range, pick };
}
