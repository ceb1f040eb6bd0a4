import { useEffect, useState } from 'react';
import type { AcquisitionFigures, Status } from '../../shared/contract';
import { flagNames } from '../../shared/flags';
import { formatAge } from '../../shared/format';
import { useWords } from '../app-context';
import { formatInteger, formatNumber } from '../locale-format';
import { storageNotice } from '../storage-notice';
import { MqttStatus } from './MqttStatus';

interface StatusLineProps {
  status: Status | null;
  lastT: number | null;
  lastFlags: number;
}

/** How the source really reads: ioctls per window (spidev's bufsiz), samples/s, mains cycles per window. */
function Acquisition({ figures }: { figures: AcquisitionFigures }) {
  const { t, tag } = useWords();
  const cycles = formatNumber(figures.mainsCyclesPerWindow, tag, 1);
  const parts = [
    figures.ioctlsPerWindow === null ? null : t.ioctlsPerWindow(formatInteger(figures.ioctlsPerWindow, tag)),
    t.samplesPerSecond(formatInteger(figures.samplesPerSecond, tag)),
    t.cyclesPerWindow(cycles),
  ].filter((p): p is string => p !== null);
  return (
    <span
      className="status-acquisition"
      data-testid="status-acquisition"
      data-ioctls={figures.ioctlsPerWindow ?? ''}
      data-rate={Math.round(figures.samplesPerSecond)}
      data-cycles={figures.mainsCyclesPerWindow.toFixed(2)}
    >
      {parts.join(' · ')}
    </span>
  );
}

/** Where readings come from, whether the sensor is healthy, and how old the last one is. */
export function StatusLine({ status, lastT, lastFlags }: StatusLineProps) {
  const { t, tag } = useWords();
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
  const storage = storageNotice(status.storage, t, tag, status.display.timeZone);
  // Readings being lost outranks everything else on the line.
  if (storage) level = 'alarm';
  return (
    <footer className={`status status-${level}`} data-testid="status" data-source={status.source} data-state={state.kind} data-storage={status.storage.state}>
      <span className="status-source">{t[`source_${status.source}`]}</span>
      <span className="status-health">{health}</span>
      <span className="status-age">{lastT === null ? t.waiting : `${t.last} ${formatAge(now - lastT)}`}</span>
      {status.acquisition && <Acquisition figures={status.acquisition} />}
      {storage && <span className="status-storage">{storage}</span>}
      <MqttStatus mqtt={status.mqtt} now={now} />
      {status.notice && <span className="status-notice">{status.notice}</span>}
    </footer>
  );
}
