import { type ReactNode, useEffect, useState } from 'react';
import type { AcquisitionFigures, Status } from '../../shared/contract';
import { flagNames } from '../../shared/flags';
import { formatAge } from '../../shared/format';
import { useWords } from '../app-context';
import { formatInteger, formatNumber } from '../locale-format';
import { type ReadingStore, useReading } from '../reading-store';
import { storageNotice } from '../storage-notice';
import { Countdown } from './Countdown';
import { MqttStatus } from './MqttStatus';

interface StatusLineProps {
  status: Status | null;
  readings: ReadingStore;
}

/**
 * How old the last reading is, in whole seconds. Each reading re-arms a
 * one-second timer that counts on only once readings stop, and the text is set
 * only when it changes: two readings a second cost no task and no render of their
 * own, and a reading that stops coming shows within a second. (Setting the same
 * text at each reading is not free: React keeps every such update queued on the
 * component until it next renders, which a healthy line never does, so the page
 * grew by a small object per reading.)
 */
function ReadingAge({ readings }: { readings: ReadingStore }) {
  const { t } = useWords();
  const [age, setAge] = useState<string | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let shown: string | null = null;
    const show = (): void => {
      const last = readings.latest();
      const next = last === null ? null : formatAge(Date.now() - last.t);
      if (next !== shown) setAge((shown = next));
      clearTimeout(timer);
      timer = setTimeout(show, 1000);
    };
    show();
    const off = readings.subscribe(show);
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [readings]);
  return <span className="status-age">{age === null ? t.waiting : `${t.last} ${age}`}</span>;
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
export function StatusLine({ status, readings }: StatusLineProps) {
  const { t, tag } = useWords();
  const lastFlags = useReading(readings, (r) => r?.flags ?? 0);
  if (!status) return <footer className="status">{t.starting}</footer>;

  const state = status.state;
  const problems = flagNames(lastFlags).map((f) => t.flags[f]);
  let health: ReactNode;
  let level: 'ok' | 'warn' | 'alarm';
  if (state.kind === 'error') {
    health = (
      <>
        {`${state.message} (${state.code}) · ${t.retry} `}
        <Countdown to={state.retryAt} />
      </>
    );
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
      <ReadingAge readings={readings} />
      {status.acquisition && <Acquisition figures={status.acquisition} />}
      {storage && <span className="status-storage">{storage}</span>}
      <MqttStatus mqtt={status.mqtt} />
      {status.notice && <span className="status-notice">{status.notice}</span>}
    </footer>
  );
}
