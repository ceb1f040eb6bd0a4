import { type ReactNode, useState } from 'react';
import { useWords } from '../../app-context';
import { formatNumber } from '../../locale-format';
import { Keypad, type KeypadMode } from '../Keypad';

export interface FieldContext {
  decimalSeparator: string;
  /** Problems from the shared schema, by field path ("tariff.0.hp"). */
  problems: Record<string, string>;
}

export function Row({ label, field, ctx, children }: { label: string; field: string; ctx: FieldContext; children: ReactNode }) {
  const problem = ctx.problems[field];
  return (
    <div className={`field${problem ? ' field-bad' : ''}`} data-field={field}>
      <span className="field-label">{label}</span>
      <span className="field-control">{children}</span>
      {problem && <span className="field-problem">{problem}</span>}
    </div>
  );
}

const parseNumber = (s: string): number | null => (/^\d+(\.\d*)?$/.test(s) ? Number(s) : null);

/** A value on a button; a tap opens the keypad. */
export function NumberField(p: {
  label: string;
  field: string;
  value: number;
  ctx: FieldContext;
  mode?: KeypadMode;
  /** Shown and typed value = stored value x scale (percent for a 0..1 level). */
  scale?: number;
  onChange: (v: number) => void;
}) {
  const { tag } = useWords();
  const [open, setOpen] = useState(false);
  const scale = p.scale ?? 1;
  const mode = p.mode ?? 'decimal';
  return (
    <Row label={p.label} field={p.field} ctx={p.ctx}>
      <button type="button" className="btn value" onClick={() => setOpen(true)} data-testid={`edit-${p.field}`}>
        {formatNumber(p.value * scale, tag, 4)}
      </button>
      {open && (
        <Keypad
          title={p.label}
          initial={String(Number((p.value * scale).toFixed(6)))}
          mode={mode}
          decimalSeparator={p.ctx.decimalSeparator}
          check={(s) => (parseNumber(s) === null ? '—' : null)}
          onCancel={() => setOpen(false)}
          onDone={(s) => {
            setOpen(false);
            p.onChange(parseNumber(s)! / scale);
          }}
        />
      )}
    </Row>
  );
}

export function TimeField(p: { label: string; field: string; value: string; ctx: FieldContext; onChange: (v: string) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn value" onClick={() => setOpen(true)} data-field={p.field} aria-label={p.label}>
        {p.value}
      </button>
      {open && (
        <Keypad
          title={p.label}
          initial={p.value}
          mode="time"
          decimalSeparator={p.ctx.decimalSeparator}
          check={(s) => (/^([01]\d|2[0-3]):[0-5]\d$/.test(s) ? null : 'HH:MM')}
          onCancel={() => setOpen(false)}
          onDone={(s) => {
            setOpen(false);
            p.onChange(s);
          }}
        />
      )}
    </>
  );
}

export function Choices<T extends string | number>(p: { items: readonly T[]; value: T; label: (x: T) => string; onPick: (x: T) => void; testId?: string }) {
  return (
    <span className="choices" data-testid={p.testId}>
      {p.items.map((x) => (
        <button key={String(x)} type="button" className={`btn choice${x === p.value ? ' choice-on' : ''}`} aria-pressed={x === p.value} onClick={() => p.onPick(x)}>
          {p.label(x)}
        </button>
      ))}
    </span>
  );
}
