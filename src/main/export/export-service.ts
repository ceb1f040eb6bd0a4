import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { Destination, ExportJob, StartExportRequest } from '../../shared/kiosk-contract';
import { localDateKey } from '../../shared/local-time';
import type { Calibration } from '../acquisition/calibration';
import { NotFoundError } from '../core/dispatch';
import { ExportError, writeCsvFile } from './csv-file-writer';
import { csvExport } from './csv-export';
import type { Mount } from './destination';
import { type CommandRunner, ejectMount } from './eject';
import { resolveRange } from './export-range';

export interface ExportServiceOptions {
  /** A connection of the export's own: iterating keeps it busy while acquisition writes. */
  openReader: () => Database.Database;
  calibration: () => Calibration;
  timeZone: () => string;
  destination: () => Destination;
  mounts: () => Mount[];
  now: () => number;
  run?: CommandRunner;
}

const MAX_JOBS = 20;

/** Picks a name not taken yet, so an export never replaces an earlier file. */
function freeName(dir: string, stem: string): string {
  for (let i = 1; ; i++) {
    const file = join(dir, `${stem}${i === 1 ? '' : `-${i}`}.csv`);
    if (!existsSync(file) && !existsSync(`${file}.partial`)) return file;
  }
}

/** Export jobs started from the screen: one at a time, progress polled by the dialog. */
export class ExportService {
  private readonly jobs = new Map<number, ExportJob>();
  private nextId = 1;
  private running: Promise<void> | null = null;

  constructor(private readonly options: ExportServiceOptions) {}

  get(id: number): ExportJob {
    const job = this.jobs.get(id);
    if (!job) throw new NotFoundError(`no export job ${id}`);
    return job;
  }

  start(req: StartExportRequest): ExportJob {
    const id = this.nextId++;
    // A kiosk runs for months: keep the last few jobs, enough for a dialog to read its result.
    for (const old of this.jobs.keys()) if (old <= id - MAX_JOBS) this.jobs.delete(old);
    const fail = (e: ExportError): ExportJob => {
      const job: ExportJob = { state: 'failed', id, reason: e.reason, message: e.message };
      this.jobs.set(id, job);
      return job;
    };
    if (this.running) return fail(new ExportError('io', 'another export is still running'));
    const tz = this.options.timeZone();
    const { from, to } = resolveRange(req.range, this.options.now(), tz);
    const destination = this.options.destination();
    const stem = `corcy-power_${localDateKey(from, tz)}_${localDateKey(to - 1, tz)}_${req.resolution}`;
    let file: string;
    let db: Database.Database;
    try {
      file = freeName(destination.dir, stem);
      db = this.options.openReader();
    } catch (err) {
      return fail(new ExportError('no_destination', (err as Error).message));
    }
    let job: ExportJob | null = null;
    const { lines, rows, total } = csvExport(
      db,
      { from, to },
      {
        resolution: req.resolution,
        locale: req.locale,
        timeZone: tz,
        calibration: this.options.calibration(),
        onProgress: (n) => {
          if (job?.state === 'running') this.jobs.set(id, (job = { ...job, rows: n }));
        },
      },
    );
    job = { state: 'running', id, rows: 0, total, file, destination };
    this.jobs.set(id, job);
    this.running = writeCsvFile(lines, file, destination.kind === 'usb')
      .then((bytes) => {
        this.jobs.set(id, { state: 'done', id, rows: rows(), bytes, file, destination });
      })
      .catch((err: ExportError) => {
        fail(err);
      })
      .finally(() => {
        db.close();
        this.running = null;
      });
    return job;
  }

  /** Resolves when the running export (if any) has finished: for shutdown and tests. */
  async idle(): Promise<void> {
    await this.running;
  }

  eject(dir: string): Promise<{ ok: boolean; message: string }> {
    return ejectMount(dir, this.options.mounts(), this.options.run);
  }
}
