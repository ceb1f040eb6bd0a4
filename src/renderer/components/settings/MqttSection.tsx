import { useEffect, useState } from 'react';
import type { MqttSettingsView } from '../../../shared/mqtt-schema';
import { useApi, useWords } from '../../app-context';
import { TextKeyboard } from '../TextKeyboard';
import { Choices, type FieldContext, NumberField, Row } from './fields';

type Draft = MqttSettingsView['mqtt'];
type TextKey = 'url' | 'username' | 'topicPrefix' | 'node';

/**
 * The broker settings: their own tab and their own save, because the password is
 * write-only (sent when changed, never read back).
 */
export function MqttSection({ pin, ctx }: { pin: string | null; ctx: FieldContext }) {
  const api = useApi();
  const { t } = useWords();
  const [view, setView] = useState<MqttSettingsView | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [password, setPassword] = useState<string | null | undefined>(undefined);
  const [editing, setEditing] = useState<TextKey | 'password' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    void api.getMqttSettings({}).then((v) => {
      setView(v);
      setDraft(v.mqtt);
    });
  }, [api]);
  if (!view || !draft) return null;

  // The core checks the fields with the config's own schema (the page bundles no
  // validator: its CSP allows no eval) and names a wrong one in its answer.
  const fieldCtx = { ...ctx, problems: {} };
  const put = <K extends keyof Draft>(k: K, v: Draft[K]): void => setDraft({ ...draft, [k]: v });
  const passwordSet = password === undefined ? view.passwordSet : password !== null;
  const text = (k: TextKey, shown: string | undefined) => (
    <Row label={t.mqtt[k]} field={k} ctx={fieldCtx}>
      <button type="button" className="btn value" onClick={() => setEditing(k)} data-testid={`edit-mqtt-${k}`}>
        {shown || (k === 'node' ? t.mqtt.nodeDefault : '—')}
      </button>
    </Row>
  );
  const save = (): void => {
    setMessage(null);
    void api
      .saveMqttSettings({ mqtt: draft, ...(password !== undefined ? { password } : {}), ...(pin ? { pin } : {}) })
      .then((r) => {
        if (r.ok) {
          setView(r.view);
          setDraft(r.view.mqtt);
          setPassword(undefined);
          setMessage(t.mqtt.saved);
        } else setMessage(r.message);
      })
      .catch((e: unknown) => setMessage((e as Error).message));
  };
  const onOff = (k: 'enabled' | 'showOthers') => (
    <Row label={t.mqtt[k]} field={k} ctx={fieldCtx}>
      <Choices items={['on', 'off'] as const} value={draft[k] ? 'on' : 'off'} label={(x) => t.mqtt[x]} onPick={(x) => put(k, x === 'on')} testId={`mqtt-${k}`} />
    </Row>
  );

  return (
    <div className="mqtt-settings" data-testid="mqtt-settings">
      {onOff('enabled')}
      {text('url', draft.url)}
      {text('username', draft.username)}
      <Row label={t.mqtt.password} field="password" ctx={fieldCtx}>
        <span className="value-text" data-testid="mqtt-password-state">{passwordSet ? t.mqtt.passwordSet : t.mqtt.passwordNone}</span>
        <button type="button" className="btn" onClick={() => setEditing('password')} data-testid="edit-mqtt-password">
          {t.mqtt.change}
        </button>
        {passwordSet && (
          <button type="button" className="btn" onClick={() => setPassword(null)}>
            {t.mqtt.remove}
          </button>
        )}
      </Row>
      {text('topicPrefix', draft.topicPrefix)}
      {text('node', draft.node)}
      <NumberField label={t.mqtt.powerIntervalS} field="powerIntervalS" value={draft.powerIntervalS} ctx={fieldCtx} onChange={(v) => put('powerIntervalS', v)} />
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
          onDone={(v) => {
            if (editing === 'password') setPassword(v === '' ? null : v);
            else if (editing === 'username' || editing === 'node') put(editing, v === '' ? undefined : v);
            else put(editing, v);
            setEditing(null);
          }}
        />
      )}
    </div>
  );
}
