import { useEffect, useState } from 'react';
import type { EnergyRow } from '../../shared/contract';
import { periodOf } from '../../shared/zoned-calendar';

interface EnergySummaryProps {
  load(from: number, to: number): Promise<EnergyRow[]>;
  timeZone: string;
  localeTag: string;
  labels: { today: string; month: string };
}

const REFRESH_MS = 60_000;

/** Today's and this month's kWh, local days of the household's zone, refreshed every minute. */
export function EnergySummary({ load, timeZone, localeTag, labels }: EnergySummaryProps) {
  const [kwh, setKwh] = useState<{ today: number; month: number } | null>(null);

  useEffect(() => {
    let alive = true;
    const refresh = (): void => {
      const now = Date.now();
      const month = periodOf(now, 'month', timeZone);
      const today = periodOf(now, 'day', timeZone).label;
      load(month.start, month.end)
        .then((rows) => {
          if (!alive) return;
          const wh = rows.reduce((s, r) => s + r.wh, 0);
          setKwh({ today: (rows.find((r) => r.period === today)?.wh ?? 0) / 1000, month: wh / 1000 });
        })
        .catch(() => undefined);
    };
    refresh();
    const id = setInterval(refresh, REFRESH_MS);
    return () => {
      alive = false;
      clearInterval(id);
    };
  }, [load, timeZone]);

  const fmt = (x: number | undefined): string =>
    x === undefined ? '–' : new Intl.NumberFormat(localeTag, { minimumFractionDigits: 1, maximumFractionDigits: x < 100 ? 1 : 0 }).format(x);
  return (
    <dl className="energy" data-testid="energy">
      <div>
        <dt>{labels.today}</dt>
        <dd data-testid="energy-today">
          {fmt(kwh?.today)} <span className="unit">kWh</span>
        </dd>
      </div>
      <div>
        <dt>{labels.month}</dt>
        <dd data-testid="energy-month">
          {fmt(kwh?.month)} <span className="unit">kWh</span>
        </dd>
      </div>
    </dl>
  );
}
