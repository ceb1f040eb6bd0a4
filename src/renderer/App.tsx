import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { Reading, Status } from '../shared/contract';
import type { PowerApi } from '../shared/power-api';
import { EnergySummary } from './components/EnergySummary';
import { Gauge } from './components/Gauge';
import { HistoryChart } from './components/HistoryChart';
import { LiveChart } from './components/LiveChart';
import { RangeBar } from './components/RangeBar';
import { StatusLine } from './components/StatusLine';
import { LOCALE_TAG, type Locale, dictionaries } from './i18n';
import { usePanZoom } from './use-pan-zoom';
import { type PresetId, type Range, type View, pan, presetRange, zoom } from './view-range';

/** A preset ("last 24 h") moves with the clock; its data is fetched again this often. */
const PRESET_REFRESH_MS = 30_000;

function rangeOf(view: View, now: number, liveMs: number): Range {
  if (view.kind === 'fixed') return view.range;
  if (view.kind === 'live') return { from: now - liveMs, to: now };
  return presetRange(view.preset, now);
}

export function App({ api, locale }: { api: PowerApi; locale: Locale }) {
  const t = dictionaries[locale];
  const [status, setStatus] = useState<Status | null>(null);
  const [latest, setLatest] = useState<Reading | null>(null);
  const listeners = useRef(new Set<(r: Reading) => void>());

  useEffect(() => {
    // One subscription for the whole page: in a browser each is an HTTP connection.
    const off = api.subscribe((e) => {
      if (e.type === 'status') {
        setStatus(e.status);
        if (e.status.lastReading) setLatest((prev) => prev ?? e.status.lastReading);
      } else {
        // The gauge is cheap and is the point of the screen: draw it now, before
        // the chart's heavier redraw (queued for the next animation frame).
        flushSync(() => setLatest(e.reading));
        for (const l of listeners.current) l(e.reading);
      }
    });
    void api.getStatus({}).then((s) => setStatus((prev) => prev ?? s)).catch(() => undefined);
    return off;
  }, [api]);

  const onReading = useCallback((l: (r: Reading) => void) => {
    listeners.current.add(l);
    return () => void listeners.current.delete(l);
  }, []);
  const minutes = status?.display.liveMinutes ?? 10;
  const loadRecent = useCallback(() => api.getRecent({ minutes }), [api, minutes]);
  const display = useMemo(() => status?.display, [status?.display.gaugeMaxW, status?.display.liveMinutes, status?.display.timeZone]);

  const [view, setView] = useState<View>({ kind: 'live' });
  const [tick, setTick] = useState(() => Date.now());
  useEffect(() => {
    if (view.kind !== 'preset') return;
    const id = setInterval(() => setTick(Date.now()), PRESET_REFRESH_MS);
    return () => clearInterval(id);
  }, [view.kind]);
  const liveMs = minutes * 60_000;
  const range = useMemo(() => rangeOf(view, tick, liveMs), [view, tick, liveMs]);
  const pick = useCallback((id: PresetId) => {
    setTick(Date.now());
    setView(id === 'live' ? { kind: 'live' } : { kind: 'preset', preset: id });
  }, []);
  const chartArea = useRef<HTMLDivElement>(null);
  usePanZoom(chartArea, {
    onPan: (dx) => setView((v) => ({ kind: 'fixed', range: pan(rangeOf(v, Date.now(), liveMs), dx, Date.now()) })),
    onZoom: (f, at) => setView((v) => ({ kind: 'fixed', range: zoom(rangeOf(v, Date.now(), liveMs), f, at, Date.now()) })),
    onEnd: () => undefined,
  });
  const loadHistory = useCallback((r: Range, maxPoints: number) => api.getHistory({ from: r.from, to: r.to, maxPoints }), [api]);
  const loadEnergy = useCallback((from: number, to: number) => api.getEnergy({ from, to, per: 'day' }), [api]);

  return (
    <main className="app">
      <section className="now" aria-label={t.now}>
        <Gauge
          watts={latest?.powerW ?? null}
          maxW={display?.gaugeMaxW ?? 10_000}
          label={t.main}
          localeTag={LOCALE_TAG[locale]}
          readingT={latest?.t ?? null}
        />
        {display && <EnergySummary load={loadEnergy} timeZone={display.timeZone} localeTag={LOCALE_TAG[locale]} labels={t.energy} />}
      </section>
      <section className="recent">
        <RangeBar view={view} labels={t.ranges} onPick={pick} />
        <div className="chart-area" ref={chartArea}>
          {display &&
            (view.kind === 'live' ? (
              <LiveChart
                onReading={onReading}
                loadRecent={loadRecent}
                minutes={display.liveMinutes}
                timeZone={display.timeZone}
                title={t.last10(display.liveMinutes)}
              />
            ) : (
              <HistoryChart range={range} timeZone={display.timeZone} load={loadHistory} title={t.history} />
            ))}
        </div>
      </section>
      <StatusLine status={status} lastT={latest?.t ?? null} lastFlags={latest?.flags ?? 0} t={t} />
    </main>
  );
}
