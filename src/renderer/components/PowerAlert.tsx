import { formatPower } from '../../shared/format';
import type { Dictionary } from '../i18n';
import { alertLevel } from '../power-alert-level';

interface PowerAlertProps {
  /** Apparent power (VA) is what the clamp measures, and what the breaker limits. */
  watts: number | null;
  subscribedVa: number;
  tag: string;
  t: Dictionary;
}

export function PowerAlert({ watts, subscribedVa, tag, t }: PowerAlertProps) {
  const level = alertLevel(watts, subscribedVa);
  if (level === 'none' || watts === null) return null;
  const p = formatPower(watts, tag);
  const kva = subscribedVa / 1000;
  const text = level === 'over' ? t.alertOver(`${p.value} ${p.unit}`, kva) : t.alertNear(`${p.value} ${p.unit}`, kva);
  return (
    <div className={`power-alert power-alert-${level}`} role="alert" data-testid="power-alert" data-level={level}>
      {text}
    </div>
  );
}
