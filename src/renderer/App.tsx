import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { Reading, Status } from '../shared/contract';
import type { PowerApi } from '../shared/power-api';
import { Gauge } from './components/Gauge';
import { LiveChart } from './components/LiveChart';
import { StatusLine } from './components/StatusLine';
import { LOCALE_TAG, type Locale, dictionaries } from './i18n';

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
      </section>
      {display && (
        <section className="recent">
          <LiveChart
            onReading={onReading}
            loadRecent={loadRecent}
            minutes={display.liveMinutes}
            timeZone={display.timeZone}
            title={t.last10(display.liveMinutes)}
          />
        </section>
      )}
      <StatusLine status={status} lastT={latest?.t ?? null} lastFlags={latest?.flags ?? 0} t={t} />
    </main>
  );
}
