import { useCallback, useEffect, useState } from 'react';
import type { CalibrationResult, CalibrationStep, CalibrationView, SaveCalibrationRequest } from '../../../shared/calibration-contract';
import type { CalibrationRecord } from '../../../shared/calibration-schema';
import { useApi, useWords } from '../../app-context';
import { formatNumber } from '../../locale-format';
import { Choices, type FieldContext, NumberField, Row } from './fields';

interface WizardProps {
  /** The PIN the settings screen was unlocked with (null: none set). */
  pin: string | null;
  ctx: FieldContext;
}

const formatDate = (iso: string, tag: string): string => new Intl.DateTimeFormat(tag, { dateStyle: 'medium' }).format(new Date(iso));

/** The three figures of a calibration and where each comes from. */
function Summary({ r, testId }: { r: CalibrationRecord; testId: string }) {
  const { t, tag } = useWords();
  const c = t.cal;
  const when = (iso: string | undefined): string => (iso ? c.measuredOn(formatDate(iso, tag)) : c.byDefault);
  const floorW = r.floor ? Math.sqrt(r.floor.meanSquare) * r.ampsPerCount * r.volts : null;
  return (
    <dl className="cal-summary" data-testid={testId}>
      <dt>{c.ampsPerCount}</dt>
      <dd data-testid={`${testId}-amps`}>
        {formatNumber(r.ampsPerCount, tag, 4)} · {when(r.ampsMeasuredAt)}
        {r.points?.length ? ` · ${c.points(r.points.length)}` : ''}
      </dd>
      <dt>{c.volts}</dt>
      <dd data-testid={`${testId}-volts`}>
        {formatNumber(r.volts, tag, 1)} · {when(r.voltsMeasuredAt)}
      </dd>
      <dt>{c.floor}</dt>
      <dd data-testid={`${testId}-floor`}>{r.floor && floorW !== null ? `${c.floorAsWatts(formatNumber(floorW, tag, 1))} · ${when(r.floor.measuredAt)}` : c.floorNone}</dd>
    </dl>
  );
}

function YesNo({ on, set }: { on: boolean; set: (value: boolean) => void }) {
  const { t } = useWords();
  return <Choices<'no' | 'yes'> items={['no', 'yes']} value={on ? 'yes' : 'no'} label={(x) => (x === 'yes' ? t.ok : '—')} onPick={(x) => set(x === 'yes')} />;
}

type Known = { kind: 'watts'; watts: number } | { kind: 'amps'; amps: number };

/** Record / Stop and Keep for one step, and its progress while it records. */
function RecordStep(p: { step: CalibrationStep; view: CalibrationView; record: (step: CalibrationStep | null) => void; keep: () => void }) {
  const { t, tag } = useWords();
  const c = t.cal;
  const rec = p.view.recording;
  const mine = rec.step === p.step;
  const idleW = (ms: number): string => formatNumber(Math.sqrt(ms) * p.view.current.ampsPerCount * p.view.current.volts, tag, 1);
  return (
    <>
      <span className="cal-actions">
        <button type="button" className="btn" onClick={() => p.record(mine ? null : p.step)} data-testid={`cal-${mine ? 'stop' : 'record'}-${p.step}`}>
          {mine ? c.stop : c.record}
        </button>
        <button type="button" className="btn btn-primary" disabled={!mine || !rec.ready} onClick={p.keep} data-testid={`cal-save-${p.step}`}>
          {c.keep}
        </button>
      </span>
      {mine && (
        <p className="cal-progress" role="status" data-testid={`cal-progress-${p.step}`}>
          {c.recording(formatNumber(rec.seconds, tag, 0), formatNumber(rec.minSeconds, tag, 0), rec.windows)}
          {rec.measured && p.step === 'idle' && ` · ${c.floorAsWatts(idleW(rec.measured.meanSquare))}`}
          {rec.problem && (
            <span className="warn-text" data-testid="cal-problem">
              {' '}
              · {c.problems[rec.problem.reason]}
            </span>
          )}
        </p>
      )}
    </>
  );
}

/** The known load: a nameplate in watts or a clamp meter in amps. */
function KnownLoad({ known, ctx, onChange }: { known: Known; ctx: FieldContext; onChange: (k: Known) => void }) {
  const c = useWords().t.cal;
  return (
    <>
      <Row label="" field="known" ctx={ctx}>
        <Choices<Known['kind']>
          items={['watts', 'amps']}
          value={known.kind}
          label={(k) => (k === 'watts' ? c.knownWatts : c.knownAmps)}
          onPick={(k) => onChange(k === 'watts' ? { kind: 'watts', watts: 2000 } : { kind: 'amps', amps: 8 })}
          testId="cal-known-kind"
        />
      </Row>
      <NumberField
        label={known.kind === 'watts' ? c.knownWatts : c.knownAmps}
        field="cal-known"
        value={known.kind === 'watts' ? known.watts : known.amps}
        ctx={ctx}
        onChange={(v) => onChange(known.kind === 'watts' ? { kind: 'watts', watts: v } : { kind: 'amps', amps: v })}
      />
    </>
  );
}

/** The calibration the last save replaced, and the way back to it. */
function Previous({ r, restore }: { r: CalibrationRecord; restore: () => void }) {
  const c = useWords().t.cal;
  return (
    <div className="cal-step">
      <h4>{c.previous}</h4>
      <Summary r={r} testId="cal-previous" />
      <button type="button" className="btn" onClick={restore} data-testid="cal-restore">
        {c.restore}
      </button>
    </div>
  );
}

/** The calibration as the core sees it, fetched again with each live reading while a step records. */
function useCalibrationView() {
  const api = useApi();
  const [view, setView] = useState<CalibrationView | null>(null);
  const refresh = useCallback(() => void api.getCalibration({}).then(setView), [api]);
  const recordingStep = view?.recording.step ?? null;
  useEffect(refresh, [refresh]);
  // Progress follows the live readings the recording takes: pushed, not polled.
  useEffect(() => (recordingStep ? api.subscribe((e) => e.type === 'reading' && refresh()) : undefined), [api, recordingStep, refresh]);
  return [view, setView] as const;
}

/** Settings > Measurement: record the idle floor, a known load, the mains voltage; restore the previous calibration. */
export function CalibrationWizard({ pin, ctx }: WizardProps) {
  const api = useApi();
  const { t } = useWords();
  const c = t.cal;
  const [view, setView] = useCalibrationView();
  const [known, setKnown] = useState<Known>({ kind: 'watts', watts: 2000 });
  const [keepPoints, setKeepPoints] = useState(false);
  const [volts, setVolts] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  if (!view) return null;

  const withPin = pin ? { pin } : {};
  const done = (okText: string) => (r: CalibrationResult) => {
    if (r.ok) {
      setView(r.view);
      setVolts(null);
    }
    setMessage(r.ok ? okText : r.reason === 'pin' ? t.pinWrong : r.reason === 'not_ready' || r.reason === 'nothing_to_restore' ? c.refusals[r.reason] : r.message);
  };
  const failed = (e: Error) => setMessage(e.message);
  const record = (step: CalibrationStep | null) => void api.recordCalibration({ step, ...withPin }).then(done(''), failed);
  const save = (s: SaveCalibrationRequest['save']) => void api.saveCalibration({ save: s, ...withPin }).then(done(c.saved), failed);
  const step = { view, record };
  return (
    <section className="calibration" data-testid="calibration">
      <h3>{c.title}</h3>
      <Summary r={view.current} testId="cal-current" />
      <div className="cal-step">
        <h4>{c.step1}</h4>
        <p className="cal-help">{c.step1Help}</p>
        <RecordStep step="idle" {...step} keep={() => save({ kind: 'floor' })} />
      </div>
      <div className="cal-step">
        <h4>{c.step2}</h4>
        <p className="cal-help">{c.step2Help}</p>
        <KnownLoad known={known} ctx={ctx} onChange={setKnown} />
        {(view.current.points?.length ?? 0) > 0 && (
          <Row label={c.addPoint} field="cal-keep" ctx={ctx}>
            <YesNo on={keepPoints} set={setKeepPoints} />
          </Row>
        )}
        <RecordStep step="load" {...step} keep={() => save({ kind: 'load', known, keepPoints })} />
      </div>
      <div className="cal-step">
        <h4>{c.step3}</h4>
        <p className="cal-help">{c.step3Help}</p>
        <NumberField label={c.volts} field="cal-volts" value={volts ?? view.current.volts} ctx={ctx} onChange={setVolts} />
        <button type="button" className="btn btn-primary" disabled={volts === null} onClick={() => save({ kind: 'volts', volts: volts! })} data-testid="cal-save-volts">
          {c.keep}
        </button>
      </div>
      {view.previous && <Previous r={view.previous} restore={() => void api.restoreCalibration(withPin).then(done(c.restored), failed)} />}
      {message && (
        <p className="save-message" role="status" data-testid="cal-message">
          {message}
        </p>
      )}
    </section>
  );
}
