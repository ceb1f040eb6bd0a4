import { useEffect, useState } from 'react';
import type { AcquisitionFigures, Status } from '../../shared/contract';
import { flagNames } from '../../shared/flags';
import { formatAge } from '../../shared/format';
import { LOCALE_TAG, type dictionaries } from '../i18n';
import { formatInteger, formatNumber } from '../locale-format';
import { storageNotice } from '../storage-notice';

interface StatusLineProps {
  status: Status | null;
  lastT: number | null;
  lastFlags: number;
  t: (typeof dictionaries)['fr'];
  /** BCP 47 tag for numbers. */
  tag: string;
}

/** How the source really reads: ioctls per window (spidev's bufsiz), samples/s, mains cycles per window. */
function Acquisition({ a, t, tag }: { a: AcquisitionFigures; t: StatusLineProps['t']; tag: string }) {
  const cycles = formatNumber(a.mainsCyclesPerWindow, tag, 1);
  const parts = [
    a.ioctlsPerWindow === null ? null : t.ioctlsPerWindow(formatInteger(a.ioctlsPerWindow, tag)),
    t.samplesPerSecond(formatInteger(a.samplesPerSecond, tag)),
    t.cyclesPerWindow(cycles),
  ].filter((p): p is string => p !== null);
  return (
    <span className="status-acquisition" data-testid="status-acquisition" data-ioctls={a.ioctlsPerWindow ?? ''} data-rate={Math.round(a.samplesPerSecond)} data-cycles={a.mainsCyclesPerWindow.toFixed(2)}>
      {parts.join(' · ')}
    </span>
  );
}

/** Where readings come from, whether the sensor is healthy, and how old the last one is. */
export function StatusLine({ status, lastT, lastFlags, t, tag }: StatusLineProps) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  if (!status) return <footer className="status">{t.starting}</footer>;

  const state = status.state;
  const problems = flagNames(lastFlags).map((f) => t.flags[f]);
  let health: string;
  let level: 'ok' | 'warn' | 'alarm';
  if (state.kind === 'error') {
    health = `${state.message} (${state.code}) · ${t.retry} ${formatAge(state.retryAt - now)}`;
    level = 'alarm';
  } else if (state.kind === 'starting') {
    health = t.starting;
    level = 'warn';
  } else if (problems.length) {
    health = problems.join(', ');
    level = 'warn';
  } else {
    health = t.healthy;
    level = 'ok';
  }
  const storage = storageNotice(status.storage, t, LOCALE_TAG[status.display.language], status.display.timeZone);
  // Readings being lost outranks everything else on the line.
  if (storage) level = 'alarm';
  return (
    <footer className={`status status-${level}`} data-testid="status" data-source={status.source} data-state={state.kind} data-storage={status.storage.state}>
      <span className="status-source">{t[`source_${status.source}`]}</span>
      <span className="status-health">{health}</span>
      <span className="status-age">{lastT === null ? t.waiting : `${t.last} ${formatAge(now - lastT)}`}</span>
      {status.acquisition && <Acquisition a={status.acquisition} t={t} tag={tag} />}
      {storage && <span className="status-storage">{storage}</span>}
      {status.notice && <span className="status-notice">{status.notice}</span>}
    </footer>
  );
}
