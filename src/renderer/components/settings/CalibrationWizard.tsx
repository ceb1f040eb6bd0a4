import { useCallback, useEffect, useState } from 'react';
import type { CalibrationResult, CalibrationStep, CalibrationView } from '../../../shared/calibration-contract';
import type { CalibrationRecord } from '../../../shared/calibration-schema';
import type { PowerApi } from '../../../shared/power-api';
import { formatNumber } from '../../locale-format';
import { Choices, type FieldContext, NumberField, Row } from './fields';

interface WizardProps {
  api: PowerApi;
  /** The PIN the settings screen was unlocked with (null: none set). */
  pin: string | null;
  ctx: FieldContext;
}

const formatDate = (iso: string, tag: string): string => new Intl.DateTimeFormat(tag, { dateStyle: 'medium' }).format(new Date(iso));

/** The three figures of a calibration and where each comes from. */
function Summary({ r, ctx, testId }: { r: CalibrationRecord; ctx: FieldContext; testId: string }) {
  const c = ctx.t.cal;
  const when = (iso: string | undefined): string => (iso ? c.measuredOn(formatDate(iso, ctx.tag)) : c.byDefault);
  const floorW = r.floor ? Math.sqrt(r.floor.meanSquare) * r.ampsPerCount * r.volts : null;
  return (
    <dl className="cal-summary" data-testid={testId}>
      <dt>{c.ampsPerCount}</dt>
      <dd data-testid={`${testId}-amps`}>
        {formatNumber(r.ampsPerCount, ctx.tag, 4)} · {when(r.ampsMeasuredAt)}
        {r.points?.length ? ` · ${c.points(r.points.length)}` : ''}
      </dd>
      <dt>{c.volts}</dt>
      <dd data-testid={`${testId}-volts`}>
        {formatNumber(r.volts, ctx.tag, 1)} · {when(r.voltsMeasuredAt)}
      </dd>
      <dt>{c.floor}</dt>
      <dd data-testid={`${testId}-floor`}>
        {r.floor && floorW !== null ? `${c.floorAsWatts(formatNumber(floorW, ctx.tag, 1))} · ${when(r.floor.measuredAt)}` : c.floorNone}
      </dd>
    </dl>
  );
}

/** Settings > Measurement: record the idle floor, a known load, the mains voltage; restore the previous calibration. */
export function CalibrationWizard({ api, pin, ctx }: WizardProps) {
  const c = ctx.t.cal;
  const [view, setView] = useState<CalibrationView | null>(null);
  const [known, setKnown] = useState<{ kind: 'watts'; watts: number } | { kind: 'amps'; amps: number }>({ kind: 'watts', watts: 2000 });
  const [keepPoints, setKeepPoints] = useState(false);
  const [volts, setVolts] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const refresh = useCallback(() => void api.getCalibration({}).then(setView), [api]);
  const recordingStep = view?.recording.step ?? null;

  useEffect(refresh, [refresh]);
  // Progress follows the live readings the recording takes: pushed, not polled.
  useEffect(() => (recordingStep ? api.subscribe((e) => e.type === 'reading' && refresh()) : undefined), [api, recordingStep, refresh]);

  if (!view) return null;
  const withPin = pin ? { pin } : {};
  const done = (okText: string) => (r: CalibrationResult) => {
    if (r.ok) setView(r.view);
    setMessage(r.ok ? okText : r.reason === 'pin' ? ctx.t.pinWrong : r.message);
  };
  const failed = (e: Error) => setMessage(e.message);
  const record = (step: CalibrationStep | null) => void api.recordCalibration({ step, ...withPin }).then(done(''), failed);
  const rec = view.recording;

  const progress = (step: CalibrationStep) =>
    rec.step === step && (
      <p className="cal-progress" role="status" data-testid={`cal-progress-${step}`} data-ready={rec.ready}>
        {c.recording(formatNumber(rec.seconds, ctx.tag, 0), formatNumber(rec.minSeconds, ctx.tag, 0), rec.windows)}
        {rec.measured && step === 'idle' && ` · ${c.floorAsWatts(formatNumber(Math.sqrt(rec.measured.meanSquare) * view.current.ampsPerCount * view.current.volts, ctx.tag, 1))}`}
        {rec.problem && <span className="warn-text"> · {rec.problem}</span>}
      </p>
    );
  const recordButtons = (step: CalibrationStep, save: () => void) => (
    <span className="cal-actions">
      {rec.step === step ? (
        <button type="button" className="btn" onClick={() => record(null)} data-testid={`cal-stop-${step}`}>
          {c.stop}
        </button>
      ) : (
        <button type="button" className="btn" onClick={() => record(step)} data-testid={`cal-record-${step}`}>
          {c.record}
        </button>
      )}
      <button type="button" className="btn btn-primary" disabled={rec.step !== step || !rec.ready} onClick={save} data-testid={`cal-save-${step}`}>
        {c.keep}
      </button>
    </span>
  );

  return (
    <section className="calibration" data-testid="calibration">
      <h3>{c.title}</h3>
      <Summary r={view.current} ctx={ctx} testId="cal-current" />
      <div className="cal-step">
        <h4>{c.step1}</h4>
        <p className="cal-help">{c.step1Help}</p>
        {recordButtons('idle', () => void api.saveCalibration({ save: { kind: 'floor' }, ...withPin }).then(done(c.saved), failed))}
        {progress('idle')}
      </div>
      <div className="cal-step">
        <h4>{c.step2}</h4>
        <p className="cal-help">{c.step2Help}</p>
        <Row label="" field="known" ctx={ctx}>
          <Choices<'watts' | 'amps'>
            items={['watts', 'amps']}
            value={known.kind}
            label={(k) => (k === 'watts' ? c.knownWatts : c.knownAmps)}
            onPick={(k) => setKnown(k === 'watts' ? { kind: 'watts', watts: 2000 } : { kind: 'amps', amps: 8 })}
            testId="cal-known-kind"
          />
        </Row>
        <NumberField
          label={known.kind === 'watts' ? c.knownWatts : c.knownAmps}
          field="cal-known"
          value={known.kind === 'watts' ? known.watts : known.amps}
          ctx={ctx}
          onChange={(v) => setKnown(known.kind === 'watts' ? { kind: 'watts', watts: v } : { kind: 'amps', amps: v })}
        />
        {(view.current.points?.length ?? 0) > 0 && (
          <Row label={c.addPoint} field="cal-keep" ctx={ctx}>
            <Choices<'no' | 'yes'> items={['no', 'yes']} value={keepPoints ? 'yes' : 'no'} label={(x) => (x === 'yes' ? ctx.t.ok : '—')} onPick={(x) => setKeepPoints(x === 'yes')} />
          </Row>
        )}
        {recordButtons('load', () => void api.saveCalibration({ save: { kind: 'load', known, keepPoints }, ...withPin }).then(done(c.saved), failed))}
        {progress('load')}
      </div>
      <div className="cal-step">
        <h4>{c.step3}</h4>
        <p className="cal-help">{c.step3Help}</p>
        <NumberField label={c.volts} field="cal-volts" value={volts ?? view.current.volts} ctx={ctx} onChange={setVolts} />
        <button
          type="button"
          className="btn btn-primary"
          disabled={volts === null}
          onClick={() => void api.saveCalibration({ save: { kind: 'volts', volts: volts! }, ...withPin }).then(done(c.saved), failed)}
          data-testid="cal-save-volts"
        >
          {c.keep}
        </button>
      </div>
      {view.previous && (
        <div className="cal-step">
          <h4>{c.previous}</h4>
          <Summary r={view.previous} ctx={ctx} testId="cal-previous" />
          <button type="button" className="btn" onClick={() => void api.restoreCalibration(withPin).then(done(c.restored), failed)} data-testid="cal-restore">
            {c.restore}
          </button>
        </div>
      )}
      {message && (
        <p className="save-message" role="status" data-testid="cal-message">
          {message}
        </p>
      )}
    </section>
  );
}
