import { useEffect, useState } from 'react';
import type { FieldProblem, SettingsView } from '../../shared/kiosk-contract';
import type { PowerApi } from '../../shared/power-api';
import type { Settings } from '../../shared/settings-schema';
import { SUBSCRIBED_KVA } from '../../shared/subscribed-power';
import type { Dictionary } from '../i18n';
import { Keypad } from './Keypad';
import { Choices, type FieldContext, NumberField, Row, TimeField } from './settings/fields';
import { CalibrationWizard } from './settings/CalibrationWizard';
import { PinGate } from './settings/PinGate';
import { TariffEditor } from './settings/TariffEditor';
import { TempoDays } from './settings/TempoDays';

interface SettingsScreenProps {
  api: PowerApi;
  today: string;
  tag: string;
  t: Dictionary;
  onClose(): void;
}

type Tab = 'measure' | 'contract' | 'display' | 'data';
const TABS: Tab[] = ['measure', 'contract', 'display', 'data'];
// France and its overseas departments first: the households this is for.
const ZONES = ['Europe/Paris', 'Europe/Brussels', 'Europe/Luxembourg', 'Europe/Zurich', 'Indian/Reunion', 'America/Martinique', 'America/Guadeloupe', 'America/Cayenne', 'Pacific/Noumea', 'Pacific/Tahiti', 'UTC'];

/** Every setting by touch, checked against the shared schema as entered, applied on save without restart. */
export function SettingsScreen({ api, today, tag, t, onClose }: SettingsScreenProps) {
  const [view, setView] = useState<SettingsView | null>(null);
  const [pin, setPin] = useState<string | null>(null);
  const [draft, setDraft] = useState<Settings | null>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [tab, setTab] = useState<Tab>('measure');
  const [newPin, setNewPin] = useState<string | null | undefined>(undefined);
  const [pinPad, setPinPad] = useState(false);
  // A key, not a text: the language may change with the very save that sets it.
  const [message, setMessage] = useState<{ key: 'saved' | 'pinWrong' } | { text: string } | null>(null);

  useEffect(() => {
    void api.getSettings({}).then((v) => {
      setView(v);
      setDraft(v.settings);
    });
  }, [api]);
  useEffect(() => {
    if (draft) void api.validateSettings({ settings: draft }).then((r) => setProblems(r.problems));
  }, [api, draft]);

  if (!view || !draft) return <div className="overlay" role="dialog" aria-label={t.settings} data-testid="settings-loading" />;
  if (view.pinSet && pin === null) return <PinGate api={api} t={t} onUnlock={setPin} onCancel={onClose} />;

  const ctx: FieldContext = {
    t,
    tag,
    decimalSeparator: new Intl.NumberFormat(tag).format(1.5).charAt(1),
    problems: Object.fromEntries(problems.map((p) => [p.field, p.message])),
  };
  const put = <K extends keyof Settings>(k: K, v: Settings[K]): void => setDraft({ ...draft, [k]: v });
  const num = (k: 'gaugeMaxW' | 'retentionDays', mode: 'decimal' | 'integer' = 'decimal') => (
    <NumberField label={t.fields[k]} field={k} value={draft[k]} mode={mode} ctx={ctx} onChange={(v) => put(k, v)} />
  );
  const b = draft.brightness;
  const save = (overwriteInvalid = false): void => {
    void api
      .saveSettings({ settings: draft, ...(pin ? { pin } : {}), ...(newPin !== undefined ? { newPin } : {}), ...(overwriteInvalid ? { overwriteInvalid } : {}) })
      .then((r) => {
        if (r.ok) {
          setView(r.view);
          setNewPin(undefined);
          setMessage({ key: 'saved' });
        } else setMessage(r.reason === 'pin' ? { key: 'pinWrong' } : { text: r.message });
      })
      .catch((e: Error) => setMessage({ text: e.message }));
  };

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label={t.settings} data-testid="settings-screen">
      <div className="dialog settings">
        <header className="dialog-head">
          <Choices<Tab> items={TABS} value={tab} label={(x) => t.tabs[x]} onPick={setTab} testId="settings-tabs" />
          <button type="button" className="btn" onClick={onClose} data-testid="settings-close">
            {t.close}
          </button>
        </header>
        <div className="dialog-body">
          {view.fileProblems.length > 0 && <p className="warn-text">{t.fileInvalid}</p>}
          {tab === 'measure' && (
            <>
              <CalibrationWizard api={api} pin={pin} ctx={ctx} />
              {num('gaugeMaxW', 'integer')}
            </>
          )}
          {tab === 'contract' && (
            <>
              <Row label={t.fields.subscribedKva} field="subscribedKva" ctx={ctx}>
                <Choices items={SUBSCRIBED_KVA} value={draft.subscribedKva} label={(k) => String(k)} onPick={(k) => put('subscribedKva', k)} testId="kva" />
              </Row>
              <TariffEditor tariff={draft.tariff} today={today} ctx={ctx} onChange={(x) => put('tariff', x)} />
              {draft.tariff.at(-1)?.kind === 'tempo' && <TempoDays api={api} pin={pin} ctx={ctx} />}
            </>
          )}
          {tab === 'display' && (
            <>
              <Row label={t.fields.language} field="language" ctx={ctx}>
                <Choices<"fr" | "en"> items={["fr", "en"]} value={draft.language} label={(l) => t.languages[l]} onPick={(l) => put('language', l)} />
              </Row>
              <Row label={t.fields.timeZone} field="timeZone" ctx={ctx}>
                <Choices items={ZONES.includes(draft.timeZone) ? ZONES : [draft.timeZone, ...ZONES]} value={draft.timeZone} label={(z) => z.replace(/_/g, ' ')} onPick={(z) => put('timeZone', z)} />
              </Row>
              <Row label={`${t.fields.dimFrom} … ${t.fields.dimTo}`} field="brightness" ctx={ctx}>
                <TimeField label={t.fields.dimFrom} field="brightness.dimFrom" value={b.dimFrom} ctx={ctx} onChange={(x) => put('brightness', { ...b, dimFrom: x })} />
                –
                <TimeField label={t.fields.dimTo} field="brightness.dimTo" value={b.dimTo} ctx={ctx} onChange={(x) => put('brightness', { ...b, dimTo: x })} />
              </Row>
              <NumberField label={t.fields.dimLevel} field="brightness.dimLevel" value={b.dimLevel} scale={100} mode="integer" ctx={ctx} onChange={(x) => put('brightness', { ...b, dimLevel: x })} />
            </>
          )}
          {tab === 'data' && (
            <>
              {num('retentionDays', 'integer')}
              <Row label={t.fields.exportFolder} field="exportFolder" ctx={ctx}>
                <span className="value-text">{draft.exportFolder ?? t.defaultFolder}</span>
              </Row>
              <Row label={t.fields.pin} field="pin" ctx={ctx}>
                <span className="value-text">{(newPin === undefined ? view.pinSet : newPin !== null) ? t.pinIsSet : t.pinNone}</span>
                <button type="button" className="btn" onClick={() => setPinPad(true)}>
                  {t.setPin}
                </button>
                {(newPin === undefined ? view.pinSet : newPin !== null) && (
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
                  check={(s) => (s.length >= 4 ? null : '4–8')}
                  onCancel={() => setPinPad(false)}
                  onDone={(p) => {
                    setPinPad(false);
                    setNewPin(p);
                  }}
                  t={t}
                />
              )}
            </>
          )}
        </div>
        <footer className="dialog-actions">
          {message && (
            <span className="save-message" role="status" data-testid="settings-message">
              {'key' in message ? t[message.key] : message.text}
            </span>
          )}
          {view.fileProblems.length > 0 ? (
            <button type="button" className="btn btn-primary" disabled={problems.length > 0} onClick={() => save(true)}>
              {t.overwrite}
            </button>
          ) : (
            <button type="button" className="btn btn-primary" disabled={problems.length > 0} onClick={() => save()} data-testid="settings-save">
              {t.save}
            </button>
          )}
        </footer>
      </div>
    </div>
  );
}
