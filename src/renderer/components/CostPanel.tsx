import { useEffect, useState } from 'react';
import type { CostSummary, CostTotalView } from '../../shared/kiosk-contract';
import { useApi, useWords } from '../app-context';
import { formatDateKey, formatEuros, formatKwh } from '../locale-format';

interface CostPanelProps {
  /** Changes when settings change, to price again at once. */
  refreshKey: string;
}

const REFRESH_MS = 60_000;

function Cost({ label, cost: c, testId, kwhTestId }: { label: string; cost: CostTotalView; testId: string; kwhTestId: string }) {
  const { t, tag } = useWords();
  // Energy without a price (a Tempo day without colour) is not guessed: the sum is a lower bound.
  const euros = `${c.complete ? '' : '≥ '}${formatEuros(c.totalEur, tag)}`;
  return (
    <div className="cost" data-testid={testId} data-complete={c.complete}>
      <div className="cost-label">{label}</div>
      <div className="cost-euros">{euros}</div>
      <div className="cost-kwh" data-testid={kwhTestId}>
        {formatKwh(c.wh, tag)}
      </div>
      {!c.complete && (
        <div className="cost-note">{c.missingColours.length ? t.missingColour(c.missingColours.map((d) => formatDateKey(d, tag, 'short')).join(', ')) : t.unpriced}</div>
      )}
    </div>
  );
}

/**
 * Today's and this month's kWh (from the minute rollups, local days) with their
 * cost, priced by the main process every minute: the one place the screen shows them.
 */
export function CostPanel({ refreshKey }: CostPanelProps) {
  const api = useApi();
  const { t } = useWords();
  const [cost, setCost] = useState<CostSummary | null>(null);
  useEffect(() => {
    let alive = true;
    const load = (): void => {
      void api
        .getCost({})
        .then((c) => alive && setCost(c))
        .catch(() => undefined);
    };
    load();
    const id = setInterval(load, REFRESH_MS);
    return () => {
      alive = false;
      clearInterval(id);
    };
  }, [api, refreshKey]);
  if (!cost) return <div className="cost-panel" data-testid="cost-panel" />;
  return (
    <div className="cost-panel" data-testid="cost-panel">
      <Cost label={t.today} cost={cost.today} testId="cost-today" kwhTestId="energy-today" />
      <Cost label={t.thisMonth} cost={cost.month} testId="cost-month" kwhTestId="energy-month" />
    </div>
  );
}
