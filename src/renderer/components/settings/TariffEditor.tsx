import type { Settings, Slot, TariffKind, TariffVersion } from '../../../shared/settings-schema';
import { useWords } from '../../app-context';
import { formatDateKey } from '../../locale-format';
import { Choices, type FieldContext, NumberField, Row, TimeField } from './fields';

interface TariffEditorProps {
  tariff: Settings['tariff'];
  today: string;
  ctx: FieldContext;
  onChange: (tariff: Settings['tariff']) => void;
}

const KINDS: TariffKind[] = ['base', 'hphc', 'tempo'];

/** Switching kind keeps the subscription and a price to start from. */
function convert(v: TariffVersion, kind: TariffKind): TariffVersion {
  const price = v.kind === 'base' ? v.kwh : v.kind === 'hphc' ? v.hp : v.blue.hp;
  const common = { effectiveFrom: v.effectiveFrom, subscriptionPerMonth: v.subscriptionPerMonth };
  const offPeak: Slot[] = v.kind === 'base' ? [{ from: '22:00', to: '06:00' }] : v.offPeak;
  if (kind === 'base') return { kind, ...common, kwh: price };
  if (kind === 'hphc') return { kind, ...common, offPeak, hp: price, hc: price };
  return { kind, ...common, offPeak, blue: { hp: price, hc: price }, white: { hp: price, hc: price }, red: { hp: price, hc: price } };
}

/**
 * Edits the prices in force; "new prices from today" adds a version so that the
 * days before keep the prices they were billed at.
 */
export function TariffEditor({ tariff, today, ctx, onChange }: TariffEditorProps) {
  const { t, tag } = useWords();
  const i = tariff.length - 1;
  const v = tariff[i]!;
  const f = `tariff.${i}`;
  const set = (next: TariffVersion): void => onChange([...tariff.slice(0, i), next]);
  const price = (label: string, field: string, value: number, put: (x: number) => TariffVersion) => (
    <NumberField key={field} label={label} field={`${f}.${field}`} value={value} ctx={ctx} onChange={(x) => set(put(x))} />
  );
  const slots = v.kind === 'base' ? [] : v.offPeak;
  const setSlots = (s: Slot[]): void => {
    if (v.kind !== 'base') set({ ...v, offPeak: s });
  };
  return (
    <div className="tariff-editor">
      <Row label={t.fields.tariffKind} field={`${f}.kind`} ctx={ctx}>
        <Choices items={KINDS} value={v.kind} label={(k) => t.tariffKinds[k]} onPick={(k) => set(convert(v, k))} testId="tariff-kind" />
      </Row>
      <Row label={t.fields.effectiveFrom} field={`${f}.effectiveFrom`} ctx={ctx}>
        <span className="value-text">{formatDateKey(v.effectiveFrom, tag)}</span>
        {v.effectiveFrom < today && (
          <button type="button" className="btn" onClick={() => onChange([...tariff, { ...v, effectiveFrom: today }])} data-testid="tariff-new-version">
            {t.newPricesFrom(formatDateKey(today, tag, 'short'))}
          </button>
        )}
      </Row>
      {price(t.fields.subscriptionPerMonth, 'subscriptionPerMonth', v.subscriptionPerMonth, (x) => ({ ...v, subscriptionPerMonth: x }))}
      {v.kind === 'base' && price(t.fields.kwh, 'kwh', v.kwh, (x) => ({ ...v, kwh: x }))}
      {v.kind === 'hphc' && [price(t.fields.hp, 'hp', v.hp, (x) => ({ ...v, hp: x })), price(t.fields.hc, 'hc', v.hc, (x) => ({ ...v, hc: x }))]}
      {v.kind === 'tempo' &&
        (['blue', 'white', 'red'] as const).flatMap((c) => [
          price(`${t.colours[c]} · ${t.fields.hp}`, `${c}.hp`, v[c].hp, (x) => ({ ...v, [c]: { ...v[c], hp: x } })),
          price(`${t.colours[c]} · ${t.fields.hc}`, `${c}.hc`, v[c].hc, (x) => ({ ...v, [c]: { ...v[c], hc: x } })),
        ])}
      {v.kind !== 'base' && (
        <Row label={t.fields.offPeak} field={`${f}.offPeak`} ctx={ctx}>
          <span className="slots">
            {slots.map((s, n) => (
              <span className="slot" key={n}>
                <TimeField
                  label={t.fields.dimFrom}
                  field={`${f}.offPeak.${n}.from`}
                  value={s.from}
                  ctx={ctx}
                  onChange={(x) => setSlots(slots.map((o, k) => (k === n ? { ...o, from: x } : o)))}
                />
                –
                <TimeField
                  label={t.fields.dimTo}
                  field={`${f}.offPeak.${n}.to`}
                  value={s.to}
                  ctx={ctx}
                  onChange={(x) => setSlots(slots.map((o, k) => (k === n ? { ...o, to: x } : o)))}
                />
                {slots.length > 1 && (
                  <button type="button" className="btn btn-icon" aria-label={t.removeSlot} onClick={() => setSlots(slots.filter((_, k) => k !== n))}>
                    ×
                  </button>
                )}
              </span>
            ))}
            {slots.length < 6 && (
              <button type="button" className="btn" onClick={() => setSlots([...slots, { from: '12:00', to: '14:00' }])}>
                {t.addSlot}
              </button>
            )}
          </span>
        </Row>
      )}
    </div>
  );
}
