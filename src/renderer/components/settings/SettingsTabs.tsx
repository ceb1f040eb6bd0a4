import { useState } from 'react';
import type { Settings } from '../../../shared/settings-schema';
import { SUBSCRIBED_KVA } from '../../../shared/subscribed-power';
import { useWords } from '../../app-context';
import { Keypad } from '../Keypad';
import { CalibrationWizard } from './CalibrationWizard';
import { Choices, type FieldContext, NumberField, Row, TimeField } from './fields';
import { TariffEditor } from './TariffEditor';
import { TempoDays } from './TempoDays';

// The four tabs of the settings screen; each edits the draft through `put`.

export interface TabProps {
  draft: Settings;
  ctx: FieldContext;
  put: <K extends keyof Settings>(key: K, value: Settings[K]) => void;
}

type NumberKey = 'gaugeMaxW' | 'retentionDays';

function SettingNumber({ name, mode = 'decimal', draft, ctx, put }: TabProps & { name: NumberKey; mode?: 'decimal' | 'integer' }) {
  const { t } = useWords();
  return <NumberField label={t.fields[name]} field={name} value={draft[name]} mode={mode} ctx={ctx} onChange={(value) => put(name, value)} />;
}

// France and its overseas departments first: the households this is for.
const ZONES = [
  'Europe/Paris',
  'Europe/Brussels',
  'Europe/Luxembourg',
  'Europe/Zurich',
  'Indian/Reunion',
  'America/Martinique',
  'America/Guadeloupe',
  'America/Cayenne',
  'Pacific/Noumea',
  'Pacific/Tahiti',
  'UTC',
];

/** Calibration changes only by measurement (the wizard), never through the draft. */
export function MeasureTab(props: TabProps & { pin: string | null }) {
  return (
    <>
      <CalibrationWizard pin={props.pin} ctx={props.ctx} />
      <SettingNumber name="gaugeMaxW" mode="integer" {...props} />
    </>
  );
}

export function ContractTab({ draft, ctx, put, today, pin }: TabProps & { today: string; pin: string | null }) {
  const { t } = useWords();
  return (
    <>
      <Row label={t.fields.subscribedKva} field="subscribedKva" ctx={ctx}>
        <Choices items={SUBSCRIBED_KVA} value={draft.subscribedKva} label={(kva) => String(kva)} onPick={(kva) => put('subscribedKva', kva)} testId="kva" />
      </Row>
      <TariffEditor tariff={draft.tariff} today={today} ctx={ctx} onChange={(tariff) => put('tariff', tariff)} />
      {draft.tariff.at(-1)?.kind === 'tempo' && <TempoDays pin={pin} ctx={ctx} />}
    </>
  );
}

export function DisplayTab({ draft, ctx, put }: TabProps) {
  const { t } = useWords();
  const brightness = draft.brightness;
  return (
    <>
      <Row label={t.fields.language} field="language" ctx={ctx}>
        <Choices<'fr' | 'en'> items={['fr', 'en']} value={draft.language} label={(language) => t.languages[language]} onPick={(language) => put('language', language)} />
      </Row>
      <Row label={t.fields.timeZone} field="timeZone" ctx={ctx}>
        <Choices
          items={ZONES.includes(draft.timeZone) ? ZONES : [draft.timeZone, ...ZONES]}
          value={draft.timeZone}
          label={(zone) => zone.replace(/_/g, ' ')}
          onPick={(zone) => put('timeZone', zone)}
        />
      </Row>
      <Row label={`${t.fields.dimFrom} … ${t.fields.dimTo}`} field="brightness" ctx={ctx}>
        <TimeField
          label={t.fields.dimFrom}
          field="brightness.dimFrom"
          value={brightness.dimFrom}
          ctx={ctx}
          onChange={(time) => put('brightness', { ...brightness, dimFrom: time })}
        />
        –
        <TimeField label={t.fields.dimTo} field="brightness.dimTo" value={brightness.dimTo} ctx={ctx} onChange={(time) => put('brightness', { ...brightness, dimTo: time })} />
      </Row>
      <NumberField
        label={t.fields.dimLevel}
        field="brightness.dimLevel"
        value={brightness.dimLevel}
        scale={100}
        mode="integer"
        ctx={ctx}
        onChange={(level) => put('brightness', { ...brightness, dimLevel: level })}
      />
    </>
  );
}

/** `newPin`: undefined keeps the PIN as it is, null removes it, a string sets it (on save). */
export function DataTab(props: TabProps & { pinSet: boolean; newPin: string | null | undefined; setNewPin: (pin: string | null) => void }) {
  const { t } = useWords();
  const { draft, ctx, pinSet, newPin, setNewPin } = props;
  const [pinPad, setPinPad] = useState(false);
  const willBeSet = newPin === undefined ? pinSet : newPin !== null;
  return (
    <>
      <SettingNumber name="retentionDays" mode="integer" {...props} />
      <Row label={t.fields.exportFolder} field="exportFolder" ctx={ctx}>
        <span className="value-text">{draft.exportFolder ?? t.defaultFolder}</span>
      </Row>
      <Row label={t.fields.pin} field="pin" ctx={ctx}>
        <span className="value-text">{willBeSet ? t.pinIsSet : t.pinNone}</span>
        <button type="button" className="btn" onClick={() => setPinPad(true)}>
          {t.setPin}
        </button>
        {willBeSet && (
          <button type="button" className="btn" onClick={() => setNewPin(null)}>
            {t.removePin}
          </button>
        )}
      </Row>
      {pinPad && (
        <Keypad
          title={t.setPin}
          initial=""
          mode="pin"
          decimalSeparator={ctx.decimalSeparator}
          check={(typed) => (typed.length >= 4 ? null : '4–8')}
          onCancel={() => setPinPad(false)}
          onDone={(typed) => {
            setPinPad(false);
            setNewPin(typed);
          }}
        />
      )}
    </>
  );
}
