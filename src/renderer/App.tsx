import { type RefObject, memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { HistoryResponse, Reading, Status } from '../shared/contract';
import type { RemoteNode } from '../shared/mqtt-schema';
import { localDateKey } from '../shared/local-time';
import { CostPanel } from './components/CostPanel';
import { DailyCosts } from './components/DailyCosts';
import { ExportDialog } from './components/ExportDialog';
import { HistoryChart } from './components/HistoryChart';
import { LiveChart } from './components/LiveChart';
import { RangeBar } from './components/RangeBar';
import { SettingsScreen } from './components/SettingsScreen';
import { StatusLine } from './components/StatusLine';
import { WordsProvider, useApi, useWords } from './app-context';
import { NowPanel } from './components/NowPanel';
import type { ReadingStore } from './reading-store';
import { useScreenWake } from './use-screen-wake';
import type { Locale } from './i18n';
import { useChartView } from './use-chart-view';
import { useLiveReadings } from './use-live-readings';
import type { PresetId, Range, View } from './view-range';
import { useKioskPage } from './use-kiosk-page';

type Dialog = 'none' | 'export' | 'settings';

// A reading arrives twice a second and re-renders only what listens to the
// reading store (the gauge, the alert, the live chart's data); the app itself
// renders when the status changes, and the panels below are memoized so that
// a status that changes nothing of theirs leaves them be.

const NO_OTHERS: readonly RemoteNode[] = [];

/** Today's and this month's cost, and the buttons that open the dialogs. */
const SidePanel = memo(function SidePanel({ costKey, open }: { costKey: string; open: (dialog: Dialog) => void }) {
  const { t } = useWords();
  return (
    <aside className="side">
      <CostPanel refreshKey={costKey} />
      <nav className="actions">
        <button type="button" className="btn" onClick={() => open('export')} data-testid="open-export">
          {t.export}
        </button>
        <button type="button" className="btn" onClick={() => open('settings')} data-testid="open-settings">
          {t.settings}
        </button>
      </nav>
    </aside>
  );
});

interface RecentProps {
  view: View;
  range: Range;
  pick: (id: PresetId) => void;
  chartArea: RefObject<HTMLDivElement | null>;
  display: Status['display'] | undefined;
  readings: ReadingStore;
  loadRecent: () => Promise<Reading[]>;
  loadHistory: (range: Range, maxPoints: number) => Promise<HistoryResponse>;
  costKey: string;
  /** The screen is dimmed for the night: the live chart draws nothing meanwhile. */
  dimmed: boolean;
}

/** The range buttons, the live or history chart, and each day's kWh and cost under a history view. */
const RecentPanel = memo(function RecentPanel({ view, range, pick, chartArea, display, readings, loadRecent, loadHistory, costKey, dimmed }: RecentProps) {
  const { t } = useWords();
  return (
    <section className="recent">
      <RangeBar view={view} labels={t.ranges} onPick={pick} />
      <div className="chart-area" ref={chartArea}>
        {display &&
          (view.kind === 'live' ? (
            <LiveChart
              onReading={readings.subscribe}
              loadRecent={loadRecent}
              minutes={display.liveMinutes}
              timeZone={display.timeZone}
              title={t.last10(display.liveMinutes)}
              paused={dimmed}
            />
          ) : (
            <HistoryChart range={range} timeZone={display.timeZone} load={loadHistory} title={t.history} />
          ))}
      </div>
      {display && view.kind !== 'live' && <DailyCosts range={range} timeZone={display.timeZone} refreshKey={costKey} />}
    </section>
  );
});

/** `forcedLocale` (from ?lang=) wins over the configured language. */
export function App({ forcedLocale }: { forcedLocale: Locale | null }) {
  const api = useApi();
  const { status, readings } = useLiveReadings(api);
  const locale: Locale = forcedLocale ?? status?.display.language ?? 'fr';
  const [dialog, setDialog] = useState<Dialog>('none');
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  useScreenWake(api);
  useKioskPage();
  const minutes = status?.display.liveMinutes ?? 10;
  const loadRecent = useCallback(() => api.getRecent({ minutes }), [api, minutes]);
  const display = useMemo(
    () => status?.display,
    // Each status brings a new display object: kept while its fields are the same, so the panels under it do not rerender.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [status?.display.gaugeMaxW, status?.display.liveMinutes, status?.display.timeZone, status?.display.language, status?.display.subscribedVa],
  );

  const timeZone = display?.timeZone ?? 'Europe/Paris';
  // Read at each render on purpose: opening a dialog renders the app, so a dialog opened after midnight has the new date.
  // eslint-disable-next-line react-hooks/purity
  const today = localDateKey(Date.now(), timeZone);
  // Settings saved or changed: price again at once.
  const costKey = JSON.stringify([status?.display, dialog === 'none']);

  const chartArea = useRef<HTMLDivElement>(null);
  const { view, range, pick } = useChartView(chartArea, minutes * 60_000);
  const loadHistory = useCallback((r: Range, maxPoints: number) => api.getHistory({ from: r.from, to: r.to, maxPoints }), [api]);

  return (
    <WordsProvider locale={locale}>
      <main className="app">
        <NowPanel readings={readings} gaugeMaxW={display?.gaugeMaxW ?? 10_000} subscribedVa={display?.subscribedVa ?? 6000} others={status?.others ?? NO_OTHERS} />
        <SidePanel costKey={costKey} open={setDialog} />
        <RecentPanel {...{ view, range, pick, chartArea, display, readings, loadRecent, loadHistory, costKey }} dimmed={status?.screenDimmed === true} />
        <StatusLine status={status} readings={readings} />
        {dialog === 'export' && <ExportDialog today={today} onClose={() => setDialog('none')} />}
        {dialog === 'settings' && <SettingsScreen today={today} onClose={() => setDialog('none')} />}
      </main>
    </WordsProvider>
  );
}
