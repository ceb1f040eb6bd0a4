import { useState } from 'react';
import { useWords } from '../app-context';

interface TextKeyboardProps {
  title: string;
  initial: string;
  /** Shown as dots until "show" is pressed (a password). */
  secret?: boolean;
  /** A reason the value cannot be accepted, or null. */
  check?: (value: string) => string | null;
  onDone: (value: string) => void;
  onCancel: () => void;
}

const LETTERS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const SYMBOLS = ['1234567890', '.-_/:@#', '!$%&*+=?', '~^()[]{}'];

/** Text with a finger (a broker's address, a user name, a password): the kiosk has no keyboard. */
export function TextKeyboard({ title, initial, secret, check, onDone, onCancel }: TextKeyboardProps) {
  const { t } = useWords();
  const [value, setValue] = useState(initial);
  const [upper, setUpper] = useState(false);
  const [symbols, setSymbols] = useState(false);
  const [shown, setShown] = useState(!secret);
  const problem = value === '' ? null : (check?.(value) ?? null);
  const rows = symbols ? SYMBOLS : LETTERS;
  const key = (k: string) => (upper && !symbols ? k.toUpperCase() : k);
  return (
    <div className="overlay keypad-overlay" role="dialog" aria-modal="true" aria-label={title} data-testid="text-keyboard">
      <div className="keypad text-keyboard">
        <div className="keypad-title">{title}</div>
        <output className="keypad-display" data-testid="text-keyboard-display">
          {(shown ? value : '•'.repeat(value.length)) || '\u00a0'}
        </output>
        <div className="keypad-problem" role="status">
          {problem ?? '\u00a0'}
        </div>
        {rows.map((row) => (
          <div className="text-keys" key={row}>
            {[...row].map((k) => (
              <button key={k} type="button" className="key" data-key={key(k)} onClick={() => setValue((v) => (v.length < 200 ? v + key(k) : v))}>
                {key(k)}
              </button>
            ))}
          </div>
        ))}
        <div className="text-keys">
          <button type="button" className={`key${upper ? ' key-on' : ''}`} onClick={() => setUpper((u) => !u)} aria-pressed={upper} aria-label="majuscules">
            ⇧
          </button>
          <button type="button" className={`key${symbols ? ' key-on' : ''}`} onClick={() => setSymbols((s) => !s)} aria-pressed={symbols}>
            {symbols ? 'abc' : '#+='}
          </button>
          {secret && (
            <button type="button" className="key" onClick={() => setShown((s) => !s)} aria-pressed={shown}>
              {shown ? t.mqtt.hide : t.mqtt.show}
            </button>
          )}
          <button type="button" className="key" onClick={() => setValue((v) => v.slice(0, -1))} aria-label="effacer" data-key="⌫">
            ⌫
          </button>
        </div>
        <div className="keypad-actions">
          <button type="button" className="btn" onClick={onCancel}>
            {t.cancel}
          </button>
          <button type="button" className="btn btn-primary" disabled={problem !== null} onClick={() => onDone(value)} data-testid="text-keyboard-ok">
            {t.ok}
          </button>
        </div>
      </div>
    </div>
  );
}
