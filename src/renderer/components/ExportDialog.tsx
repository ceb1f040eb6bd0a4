import { useEffect, useState } from 'react';
import type { CsvLocale, ExportJob, ExportPreset, ExportRange, ExportResolution } from '../../shared/kiosk-contract';
import { useApi, useWords } from '../app-context';
import { formatDateKey, formatInteger } from '../locale-format';
import { TouchCalendar } from './TouchCalendar';

interface ExportDialogProps {
  today: string;
  onClose: () => void;
}

const PRESETS: ExportPreset[] = ['today', 'yesterday', 'thisWeek', 'thisMonth', 'lastMonth', 'thisYear'];
const RESOLUTIONS: ExportResolution[] = ['raw', '1min', '1h', '1day'];
const POLL_MS = 250;

function Choice<T extends string>({
  items,
  value,
  label,
  onPick,
  testId,
}: {
  items: readonly T[];
  value: T | null;
  label: (x: T) => string;
  onPick: (x: T) => void;
  testId: string;
}) {
  return (
    <div className="choices" data-testid={testId}>
      {items.map((x) => (
        <button key={x} type="button" className={`btn choice${x === value ? ' choice-on' : ''}`} aria-pressed={x === value} onClick={() => onPick(x)} data-value={x}>
          {label(x)}
        </button>
      ))}
    </div>
  );
}

/** A running export's progress; then where the file went and how many rows, or why it failed; eject for a stick. */
function ExportResult({ job, onClose }: { job: ExportJob; onClose: () => void }) {
  const api = useApi();
  const { t, tag } = useWords();
  const [ejected, setEjected] = useState<string | null>(null);
  const where = (done: Extract<ExportJob, { state: 'done' }>): string => `${done.destination.kind === 'usb' ? t.onStick : t.inFolder} ${done.file}`;
  return (
    <div className="dialog-body export-result" data-testid="export-result" data-state={job.state}>
      {job.state === 'running' && (
        <>
          <p>{t.exporting}</p>
          <progress max={Math.max(1, job.total)} value={job.rows} />
        </>
      )}
      {job.state === 'done' && <p className="export-where">{t.exportedTo(formatInteger(job.rows, tag), where(job))}</p>}
      {job.state === 'failed' && (
        <p className="export-failed">
          {t.failures[job.reason]} <small>{job.message}</small>
        </p>
      )}
      <div className="dialog-actions">
        {job.state === 'done' && job.destination.kind === 'usb' && !ejected && (
          <button type="button" className="btn" onClick={() => void api.ejectMedia({ dir: job.destination.dir }).then((r) => setEjected(r.ok ? t.ejected : r.message))}>
            {t.eject}
          </button>
        )}
        {ejected && <p>{ejected}</p>}
        <button type="button" className="btn btn-primary" onClick={onClose}>
          {t.close}
        </button>
      </div>
    </div>
  );
}

/** Close, the dates picked so far (when picking), and Start. */
function ExportActions({ dates, ready, onStart, onClose }: { dates: { from: string | null; to: string | null } | null; ready: boolean; onStart: () => void; onClose: () => void }) {
  const { t, tag } = useWords();
  const short = (date: string): string => formatDateKey(date, tag, 'short');
  return (
    <footer className="dialog-actions">
      <button type="button" className="btn" onClick={onClose} data-testid="export-close">
        {t.close}
      </button>
      <span className="picked-dates">{!dates ? '' : !dates.from ? t.calendarFrom : `${short(dates.from)} – ${dates.to ? short(dates.to) : t.calendarTo}`}</span>
      <button type="button" className="btn btn-primary" disabled={!ready} onClick={onStart} data-testid="export-start">
        {t.startExport}
      </button>
    </footer>
  );
}

/** Range, step and format by touch; then where the file went, how many rows, and eject. */
export function ExportDialog({ today, onClose }: ExportDialogProps) {
  const api = useApi();
  const { t, locale } = useWords();
  const [preset, setPreset] = useState<ExportPreset | 'dates'>('today');
  const [dates, setDates] = useState<{ from: string | null; to: string | null }>({ from: null, to: null });
  const [resolution, setResolution] = useState<ExportResolution>('1min');
  const [csvLocale, setCsvLocale] = useState<CsvLocale>(locale);
  const [job, setJob] = useState<ExportJob | null>(null);

  useEffect(() => {
    if (job?.state !== 'running') return;
    const id = setTimeout(
      () =>
        void api
          .getExport({ id: job.id })
          .then(setJob)
          .catch(() => undefined),
      POLL_MS,
    );
    return () => clearTimeout(id);
  }, [api, job]);

  const range: ExportRange | null = preset !== 'dates' ? { preset } : dates.from ? { fromDate: dates.from, toDate: dates.to ?? dates.from } : null;
  const start = (): void => {
    if (range) void api.startExport({ range, resolution, locale: csvLocale }).then(setJob);
  };

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label={t.export} data-testid="export-dialog">
      <div className="dialog">
        <header className="dialog-head dialog-head-title">
          <h2>{t.export}</h2>
        </header>
        {job === null ? (
          <>
            <div className={`dialog-body export-form${preset === 'dates' ? ' with-calendar' : ''}`}>
              <div className="export-choices">
                <h3>{t.range}</h3>
                <Choice<ExportPreset | 'dates'>
                  items={[...PRESETS, 'dates']}
                  value={preset}
                  label={(p) => (p === 'dates' ? t.pickDates : t.presets[p])}
                  onPick={setPreset}
                  testId="export-range"
                />
                <h3>{t.resolution}</h3>
                <Choice<ExportResolution> items={RESOLUTIONS} value={resolution} label={(r) => t.resolutions[r]} onPick={setResolution} testId="export-resolution" />
                <h3>{t.csvFormat}</h3>
                <Choice<CsvLocale> items={['fr', 'en']} value={csvLocale} label={(l) => t.csvLocales[l]} onPick={setCsvLocale} testId="export-locale" />
              </div>
              {preset === 'dates' && (
                <div className="export-dates">
                  <TouchCalendar today={today} from={dates.from} to={dates.to} onChange={(from, to) => setDates({ from, to })} />
                </div>
              )}
            </div>
            {/* Outside the scrolling body: the main action is always on screen. */}
            <ExportActions dates={preset === 'dates' ? dates : null} ready={range !== null} onStart={start} onClose={onClose} />
          </>
        ) : (
          <ExportResult job={job} onClose={onClose} />
        )}
      </div>
    </div>
  );
}
