import { useState } from 'react';
import { useApi, useWords } from '../../app-context';
import { Keypad } from '../Keypad';

/** Asks for the PIN (checked by the main process, which counts wrong tries). */
export function PinGate({ onUnlock, onCancel }: { onUnlock: (pin: string) => void; onCancel: () => void }) {
  const api = useApi();
  const { t } = useWords();
  const [message, setMessage] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  return (
    <>
      <Keypad
        key={attempt}
        title={message ? `${t.pinTitle} — ${message}` : t.pinTitle}
        initial=""
        mode="pin"
        decimalSeparator=","
        check={(s) => (s.length >= 4 ? null : '')}
        onCancel={onCancel}
        onDone={(pin) =>
          void api.checkPin({ pin }).then((r) => {
            if (r.ok) return onUnlock(pin);
            setMessage(r.waitSeconds > 0 ? t.pinWait(r.waitSeconds) : t.pinWrong);
            setAttempt((a) => a + 1);
          })
        }
      />
    </>
  );
}
