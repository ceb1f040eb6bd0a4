import { useEffect, useState } from 'react';
import type { Response } from '../../shared/contract';
import { localDateKey } from '../../shared/local-time';
import { useApi, useWords } from '../app-context';
import { formatDateKey, formatEuros, formatKwh } from '../locale-format';

interface DailyCostsProps {
  range: { from: number; to: number };
  timeZone: string;
  /** Changes when settings change, to price again at once. */
  refreshKey: string;
}

/** More days than fit a row a finger can scroll: longer views (a year) show no strip. */
const MAX_DAYS = 31;

const daysBetween = (from: string, to: string): number => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;

/**
 * kWh and cost of each local day of the history view, under its chart: priced by
 * the main process (getDailyCost), the same sums as the cost panel's.
 */
export function DailyCosts({ range, timeZone, refreshKey }: DailyCostsProps) {
  const api = useApi();
  const { t, tag } = useWords();
  const from = localDateKey(range.from, timeZone);
  const to = localDateKey(Math.max(range.from, range.to - 1), timeZone);
  const fits = daysBetween(from, to) <= MAX_DAYS;
  const [days, setDays] = useState<Response<'getDailyCost'> | null>(null);
  useEffect(() => {
    if (!fits) return;
    let alive = true;
    void api
      .getDailyCost({ from, to })
      .then((d) => alive && setDays(d))
      .catch(() => alive && setDays(null));
    return () => {
      alive = false;
    };
  }, [api, from, to, fits, refreshKey]);
  if (!fits || !days) return null;
  return (
    <div className="day-costs" data-testid="day-costs" aria-label={t.perDay}>
      {days.map((d) => {
        const euros = d.energyEur + d.subscriptionEur;
        // Energy without a price (a Tempo day without colour) is not guessed: a lower bound.
        const complete = d.unpricedWh === 0;
        return (
          <div key={d.date} className="day-cost" data-testid="day-cost" data-date={d.date} data-complete={complete}>
            <span className="day-cost-date">{formatDateKey(d.date, tag, 'short')}</span>
            <span className="day-cost-kwh">{formatKwh(d.wh, tag)}</span>
            <span className="day-cost-eur">{`${complete ? '' : '≥ '}${formatEuros(euros, tag)}`}</span>
          </div>
        );
      })}
    </div>
  );
}
