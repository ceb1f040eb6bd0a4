import { useEffect, useState } from 'react';
import type { Status } from '../../shared/contract';
import { flagNames } from '../../shared/flags';
import { formatAge } from '../../shared/format';
import { useWords } from '../app-context';

interface StatusLineProps {
  status: Status | null;
  lastT: number | null;
  lastFlags: number;
}

/** Where readings come from, whether the sensor is healthy, and how old the last one is. */
export function StatusLine({ status, lastT, lastFlags }: StatusLineProps) {
  const { t } = useWords();
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
  return (
    <footer className={`status status-${level}`} data-testid="status" data-source={status.source} data-state={state.kind}>
      <span className="status-source">{t[`source_${status.source}`]}</span>
      <span className="status-health">{health}</span>
      <span className="status-age">{lastT === null ? t.waiting : `${t.last} ${formatAge(now - lastT)}`}</span>
      {status.notice && <span className="status-notice">{status.notice}</span>}
    </footer>
  );
}
