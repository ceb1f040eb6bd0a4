import { useState } from 'react';
import { useWords } from '../app-context';

export type KeypadMode = 'decimal' | 'integer' | 'pin' | 'time';

interface KeypadProps {
  title: string;
  initial: string;
  mode: KeypadMode;
  /** The locale's decimal separator, shown on the key; the value uses '.'. */
  decimalSeparator: string;
  /** A reason the value cannot be accepted, or null. */
  check?: (value: string) => string | null;
  onDone: (value: string) => void;
  onCancel: () => void;
}

/** "0630" typed as digits -> "06:30". */
const asTime = (digits: string): string => (digits.length <= 2 ? digits : `${digits.slice(0, 2)}:${digits.slice(2, 4)}`);

/** Numbers, times and PINs with a finger: the kiosk has no keyboard. */
export function Keypad({ title, initial, mode, decimalSeparator, check, onDone, onCancel }: KeypadProps) {
  const { t } = useWords();
  const [raw, setRaw] = useState(mode === 'time' ? initial.replace(':', '') : mode === 'pin' ? '' : initial);
  const max = mode === 'time' ? 4 : mode === 'pin' ? 8 : 12;
  const value = mode === 'time' ? asTime(raw) : raw;
  const problem = raw === '' ? null : (check?.(value) ?? null);
  const press = (k: string): void => {
    if (k === '⌫') return setRaw((r) => r.slice(0, -1));
    if (k === '.' && (mode !== 'decimal' || raw.includes('.'))) return;
    setRaw((r) => (r.length >= max ? r : r === '0' && k !== '.' ? k : r + k));
  };
  const keys = ['7', '8', '9', '4', '5', '6', '1', '2', '3', mode === 'decimal' ? '.' : '', '0', '⌫'];
  const shown = mode === 'pin' ? '•'.repeat(raw.length) : value.replace('.', decimalSeparator);
  return (
    <div className="overlay keypad-overlay" role="dialog" aria-modal="true" aria-label={title} data-testid="keypad">
      <div className="keypad">
        <div className="keypad-title">{title}</div>
        <output className="keypad-display" data-testid="keypad-display">
          {shown || '\u00a0'}
        </output>
        <div className="keypad-problem" role="status">
          {problem ?? '\u00a0'}
        </div>
        <div className="keypad-keys">
          {keys.map((k, i) =>
            k ? (
              <button key={k} type="button" className="key" onClick={() => press(k)} data-key={k} aria-label={k === '⌫' ? 'effacer' : k}>
                {k === '.' ? decimalSeparator : k}
              </button>
            ) : (
              <span key={`gap${i}`} />
            ),
          )}
        </div>
        <div className="keypad-actions">
          <button type="button" className="btn" onClick={onCancel}>
            {t.cancel}
          </button>
          <button type="button" className="btn btn-primary" disabled={raw === '' || problem !== null} onClick={() => onDone(value)} data-testid="keypad-ok">
            {t.ok}
          </button>
        </div>
      </div>
    </div>
  );
}
