import { useEffect, useState } from 'react';
import type { FieldProblem, SettingsView } from '../../shared/kiosk-contract';
import type { Settings } from '../../shared/settings-schema';
import { useApi, useWords } from '../app-context';
import { Choices, type FieldContext } from './settings/fields';
import { MqttSection } from './settings/MqttSection';
import { PinGate } from './settings/PinGate';
import { ContractTab, DataTab, DisplayTab, MeasureTab, type TabProps } from './settings/SettingsTabs';

interface SettingsScreenProps {
  today: string;
  onClose: () => void;
}

type Tab = 'measure' | 'contract' | 'display' | 'data' | 'mqtt';
const TABS: Tab[] = ['measure', 'contract', 'display', 'data', 'mqtt'];

/** The settings as saved, the draft being edited, and the draft's problems by the shared schema, checked as it changes. */
function useSettingsDraft() {
  const api = useApi();
  const [view, setView] = useState<SettingsView | null>(null);
  const [draft, setDraft] = useState<Settings | null>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  useEffect(() => {
    void api.getSettings({}).then((saved) => {
      setView(saved);
      setDraft(saved.settings);
    });
  }, [api]);
  useEffect(() => {
    if (draft) void api.validateSettings({ settings: draft }).then((r) => setProblems(r.problems));
  }, [api, draft]);
  return { view, setView, draft, setDraft, problems };
}

/** A key, not a text: the language may change with the very save that sets it. */
type SaveMessage = { key: 'saved' | 'pinWrong' } | { text: string };

/** What the last save said, and Save (or Overwrite, when the file on disk does not validate). */
function SaveBar({ message, fileInvalid, blocked, save }: { message: SaveMessage | null; fileInvalid: boolean; blocked: boolean; save: (overwriteInvalid?: boolean) => void }) {
  const { t } = useWords();
  return (
    <footer className="dialog-actions">
      {message && (
        <span className="save-message" role="status" data-testid="settings-message">
          {'key' in message ? t[message.key] : message.text}
        </span>
      )}
      {fileInvalid ? (
        <button type="button" className="btn btn-primary" disabled={blocked} onClick={() => save(true)}>
          {t.overwrite}
        </button>
      ) : (
        <button type="button" className="btn btn-primary" disabled={blocked} onClick={() => save()} data-testid="settings-save">
          {t.save}
        </button>
      )}
    </footer>
  );
}

/** Every setting by touch, checked against the shared schema as entered, applied on save without restart. */
export function SettingsScreen({ today, onClose }: SettingsScreenProps) {
  const api = useApi();
  const { t, tag } = useWords();
  const { view, setView, draft, setDraft, problems } = useSettingsDraft();
  const [pin, setPin] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('measure');
  const [newPin, setNewPin] = useState<string | null | undefined>(undefined);
  const [message, setMessage] = useState<SaveMessage | null>(null);

  if (!view || !draft) return <div className="overlay" role="dialog" aria-label={t.settings} data-testid="settings-loading" />;
  if (view.pinSet && pin === null) return <PinGate onUnlock={setPin} onCancel={onClose} />;

  const ctx: FieldContext = {
    decimalSeparator: new Intl.NumberFormat(tag).format(1.5).charAt(1),
    problems: Object.fromEntries(problems.map((p) => [p.field, p.message])),
  };
  const tabProps: TabProps = { draft, ctx, put: (key, value) => setDraft({ ...draft, [key]: value }) };
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
          <Choices<Tab> items={TABS} value={tab} label={(x) => (x === 'mqtt' ? t.mqtt.tab : t.tabs[x])} onPick={setTab} testId="settings-tabs" />
          <button type="button" className="btn" onClick={onClose} data-testid="settings-close">
            {t.close}
          </button>
        </header>
        <div className="dialog-body">
          {view.fileProblems.length > 0 && <p className="warn-text">{t.fileInvalid}</p>}
          {tab === 'measure' && <MeasureTab {...tabProps} pin={pin} />}
          {tab === 'contract' && <ContractTab {...tabProps} today={today} pin={pin} />}
          {tab === 'display' && <DisplayTab {...tabProps} />}
          {tab === 'data' && <DataTab {...tabProps} pinSet={view.pinSet} newPin={newPin} setNewPin={setNewPin} />}
          {tab === 'mqtt' && <MqttSection pin={pin} ctx={ctx} />}
        </div>
        {/* The MQTT tab saves on its own: its password is write-only. */}
        {tab !== 'mqtt' && <SaveBar message={message} fileInvalid={view.fileProblems.length > 0} blocked={problems.length > 0} save={save} />}
      </div>
    </div>
  );
}
