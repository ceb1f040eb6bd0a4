import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { Reading, Status } from '../shared/contract';
import type { PowerApi } from '../shared/power-api';
import { localDateKey } from '../shared/local-time';
import { CostPanel } from './components/CostPanel';
import { DailyCosts } from './components/DailyCosts';
import { ExportDialog } from './components/ExportDialog';
import { Gauge } from './components/Gauge';
import { HistoryChart } from './components/HistoryChart';
import { LiveChart } from './components/LiveChart';
import { RangeBar } from './components/RangeBar';
import { PowerAlert } from './components/PowerAlert';
import { SettingsScreen } from './components/SettingsScreen';
import { StatusLine } from './components/StatusLine';
import { useKioskPage } from './use-kiosk-page';
import { useScreenWake } from './use-screen-wake';
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

/** `forcedLocale` (from ?lang=) wins over the configured language. */
export function App({ api, forcedLocale }: { api: PowerApi; forcedLocale: Locale | null }) {
  const [status, setStatus] = useState<Status | null>(null);
  const locale: Locale = forcedLocale ?? status?.display.language ?? 'fr';
  const t = dictionaries[locale];
  const tag = LOCALE_TAG[locale];
  const [dialog, setDialog] = useState<'none' | 'export' | 'settings'>('none');
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  useScreenWake(api);
  useKioskPage();
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
  const display = useMemo(
    () => status?.display,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [status?.display.gaugeMaxW, status?.display.liveMinutes, status?.display.timeZone, status?.display.language, status?.display.subscribedVa],
  );

  const timeZone = display?.timeZone ?? 'Europe/Paris';
  const today = localDateKey(Date.now(), timeZone);
  // Settings saved or changed: price again at once.
  const costKey = JSON.stringify([status?.display, dialog === 'none']);

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

  // A reading arrives twice a second and re-renders the gauge, the alert and the
  // status line; these parts do not depend on it and are kept as they were.
  const dimmed = status?.screenDimmed === true;
  const side = useMemo(
    () => (
      <aside className="side">
        <CostPanel api={api} tag={tag} t={t} refreshKey={costKey} />
        <nav className="actions">
          <button type="button" className="btn" onClick={() => setDialog('export')} data-testid="open-export">
            {t.export}
          </button>
          <button type="button" className="btn" onClick={() => setDialog('settings')} data-testid="open-settings">
            {t.settings}
          </button>
        </nav>
      </aside>
    ),
    [api, tag, t, costKey],
  );
  const recent = useMemo(
    () => (
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
                localeTag={tag}
                paused={dimmed}
              />
            ) : (
              <HistoryChart range={range} timeZone={display.timeZone} load={loadHistory} title={t.history} />
            ))}
        </div>
        {display && view.kind !== 'live' && <DailyCosts api={api} range={range} timeZone={display.timeZone} tag={tag} t={t} refreshKey={costKey} />}
      </section>
    ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, view, display, range, tag, t, costKey, dimmed, pick, onReading, loadRecent, loadHistory],
  );

  return (
    <main className="app">
      <PowerAlert watts={latest?.powerW ?? null} subscribedVa={display?.subscribedVa ?? 6000} tag={tag} t={t} />
      {side}
      <section className="now" aria-label={t.now}>
        <Gauge
          watts={latest?.powerW ?? null}
          maxW={display?.gaugeMaxW ?? 10_000}
          label={t.main}
          localeTag={tag}
          readingT={latest?.t ?? null}
        />
      </section>
      {recent}
      <StatusLine status={status} lastT={latest?.t ?? null} lastFlags={latest?.flags ?? 0} t={t} tag={tag} />
      {dialog === 'export' && <ExportDialog api={api} today={today} locale={locale} tag={tag} t={t} onClose={() => setDialog('none')} />}
      {dialog === 'settings' && <SettingsScreen api={api} today={today} tag={tag} t={t} onClose={() => setDialog('none')} />}
    </main>
  );
}
