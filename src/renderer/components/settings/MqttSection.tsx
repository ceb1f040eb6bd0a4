import { useEffect, useState } from 'react';
import type { MqttSettingsView } from '../../../shared/mqtt-schema';
import { useApi, useWords } from '../../app-context';
import { TextKeyboard } from '../TextKeyboard';
import { Choices, type FieldContext, NumberField, Row } from './fields';

type Draft = MqttSettingsView['mqtt'];
type TextKey = 'url' | 'username' | 'topicPrefix' | 'node';
/** A new password to send; null removes it; undefined keeps the saved one. */
type PasswordChange = string | null | undefined;

/**
 * The saved broker settings and the draft; save sends the password only when it
 * changed. The core checks the fields with the config's own schema (the page
 * bundles no validator: its CSP allows no eval) and names a wrong one in its answer.
 */
function useMqttDraft(pin: string | null) {
  const api = useApi();
  const { t } = useWords();
  const [view, setView] = useState<MqttSettingsView | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [password, setPassword] = useState<PasswordChange>(undefined);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    void api.getMqttSettings({}).then((v) => {
      setView(v);
      setDraft(v.mqtt);
    });
  }, [api]);
  const save = (): void => {
    if (!draft) return;
    setMessage(null);
    void api
      .saveMqttSettings({ mqtt: draft, ...(password !== undefined ? { password } : {}), ...(pin ? { pin } : {}) })
      .then((r) => {
        if (!r.ok) return setMessage(r.message);
        setView(r.view);
        setDraft(r.view.mqtt);
        setPassword(undefined);
        setMessage(t.mqtt.saved);
      })
      .catch((e: unknown) => setMessage((e as Error).message));
  };
  const passwordSet = password === undefined ? view?.passwordSet === true : password !== null;
  return { draft, setDraft, setPassword, passwordSet, message, save };
}

/** The broker settings: their own tab and their own save, because the password is write-only. */
export function MqttSection({ pin, ctx }: { pin: string | null; ctx: FieldContext }) {
  const { t } = useWords();
  const { draft, setDraft, setPassword, passwordSet, message, save } = useMqttDraft(pin);
  const [editing, setEditing] = useState<TextKey | 'password' | null>(null);
  if (!draft) return null;
  const put = <K extends keyof Draft>(k: K, v: Draft[K]): void => setDraft({ ...draft, [k]: v });
  const text = (k: TextKey) => (
    <Row label={t.mqtt[k]} field={k} ctx={ctx}>
      <button type="button" className="btn value" onClick={() => setEditing(k)} data-testid={`edit-mqtt-${k}`}>
        {draft[k] || (k === 'node' ? t.mqtt.nodeDefault : '—')}
      </button>
    </Row>
  );
  const onOff = (k: 'enabled' | 'showOthers') => (
    <Row label={t.mqtt[k]} field={k} ctx={ctx}>
      <Choices items={['on', 'off'] as const} value={draft[k] ? 'on' : 'off'} label={(x) => t.mqtt[x]} onPick={(x) => put(k, x === 'on')} testId={`mqtt-${k}`} />
    </Row>
  );
  const typed = (v: string): void => {
    if (editing === 'password') setPassword(v === '' ? null : v);
    else if (editing === 'username' || editing === 'node') put(editing, v === '' ? undefined : v);
    else if (editing) put(editing, v);
    setEditing(null);
  };
  return (
    <div className="mqtt-settings" data-testid="mqtt-settings">
      {onOff('enabled')}
      {text('url')}
      {text('username')}
      <Row label={t.mqtt.password} field="password" ctx={ctx}>
        <span className="value-text" data-testid="mqtt-password-state">
          {passwordSet ? t.mqtt.passwordSet : t.mqtt.passwordNone}
        </span>
        <button type="button" className="btn" onClick={() => setEditing('password')} data-testid="edit-mqtt-password">
          {t.mqtt.change}
        </button>
        {passwordSet && (
          <button type="button" className="btn" onClick={() => setPassword(null)}>
            {t.mqtt.remove}
          </button>
        )}
      </Row>
      {text('topicPrefix')}
      {text('node')}
      <NumberField label={t.mqtt.powerIntervalS} field="powerIntervalS" value={draft.powerIntervalS} ctx={ctx} onChange={(v) => put('powerIntervalS', v)} />
      {onOff('showOthers')}
      <div className="settings-actions">
        <span className="settings-message" role="status" data-testid="mqtt-message">
          {message}
        </span>
        <button type="button" className="btn btn-primary" onClick={save} data-testid="mqtt-save">
          {t.save}
        </button>
      </div>
      {editing && (
        <TextKeyboard
          title={t.mqtt[editing]}
          initial={editing === 'password' ? '' : (draft[editing] ?? '')}
          secret={editing === 'password'}
          onCancel={() => setEditing(null)}
          onDone={typed}
        />
      )}
    </div>
  );
}
