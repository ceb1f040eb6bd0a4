import { formatPower } from '../../shared/format';
import { useWords } from '../app-context';
import { alertLevel } from '../power-alert-level';

interface PowerAlertProps {
  /** Apparent power (VA) is what the clamp measures, and what the breaker limits. */
  watts: number | null;
  subscribedVa: number;
}

export function PowerAlert({ watts, subscribedVa }: PowerAlertProps) {
  const { t, tag } = useWords();
  const level = alertLevel(watts, subscribedVa);
  if (level === 'none' || watts === null) return null;
  const power = formatPower(watts, tag);
  const kva = subscribedVa / 1000;
  const shown = `${power.value} ${power.unit}`;
  const text = level === 'over' ? t.alertOver(shown, kva) : t.alertNear(shown, kva);
  return (
    <div className={`power-alert power-alert-${level}`} role="alert" data-testid="power-alert" data-level={level}>
      {text}
    </div>
  );
}
