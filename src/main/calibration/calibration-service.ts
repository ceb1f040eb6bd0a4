import type { CalibrationResult, CalibrationView, SaveCalibrationRequest } from '../../shared/calibration-contract';
import { type CalibrationRecord, CalibrationRecordSchema } from '../../shared/calibration-schema';
import type { Request } from '../../shared/contract';
import { floorOf } from '../acquisition/calibration';
import { readConfigFile, writeFileAtomic } from '../config/config-file';
import type { Config } from '../config/config-schema';
import { parseConfig } from '../config/load-config';
import { CalibrationRecorder } from './calibration-recorder';
import { withFloor, withLoad, withVolts } from './calibration-record';

export interface CalibrationServiceOptions {
  configPath: string;
  current: () => Config;
  apply: (config: Config) => void;
  /** The settings' PIN gate, so wrong tries count together. */
  checkPin: (pin: string) => { ok: boolean; waitSeconds: number };
  now: () => number;
}

type Failure = Extract<CalibrationResult, { ok: false }>;
const fail = (reason: Failure['reason'], message: string, waitSeconds = 0): Failure => ({ ok: false, reason, message, waitSeconds });

/** The record alone, without the previous one it carries. */
const recordOf = (section: Config['calibration']): CalibrationRecord => {
  const { previous: _previous, ...record } = section;
  return CalibrationRecordSchema.parse(record);
};

/** getCalibration, recordCalibration, saveCalibration, restoreCalibration: the wizard's handlers for both doors. */
export class CalibrationService {
  readonly recorder = new CalibrationRecorder();

  constructor(private readonly options: CalibrationServiceOptions) {}

  view(): CalibrationView {
    const c = this.options.current().calibration;
    return { current: recordOf(c), previous: c.previous ?? null, recording: this.recorder.view(floorOf(c).meanSquare) };
  }

  record({ step, pin }: Request<'recordCalibration'>): CalibrationResult {
    const gate = this.options.checkPin(pin ?? '');
    if (!gate.ok) return fail('pin', 'wrong PIN', gate.waitSeconds);
    this.recorder.start(step, this.options.now());
    return { ok: true, view: this.view() };
  }

  save({ pin, save }: SaveCalibrationRequest): CalibrationResult {
    const gate = this.options.checkPin(pin ?? '');
    if (!gate.ok) return fail('pin', 'wrong PIN', gate.waitSeconds);
    const at = new Date(this.options.now()).toISOString();
    const current = recordOf(this.options.current().calibration);
    let next: CalibrationRecord;
    if (save.kind === 'volts') next = withVolts(current, save.volts, at);
    else {
      const rec = this.recorder.view(floorOf(current).meanSquare);
      if (rec.step !== (save.kind === 'floor' ? 'idle' : 'load') || !rec.ready || !rec.measured) {
        return fail('not_ready', rec.problem?.message ?? `record the ${save.kind === 'floor' ? 'idle clamp' : 'known load'} first, for ${rec.minSeconds || 'a few'} s`);
      }
      const m = rec.measured;
      next =
        save.kind === 'floor'
          ? withFloor(current, { meanSquare: m.meanSquare, spread: m.spread, windows: m.windows, seconds: rec.seconds, measuredAt: at })
          : withLoad(current, { meanSquare: m.meanSquare, known: save.known, measuredAt: at }, save.keepPoints);
    }
    const written = this.write(next, current);
    if (written.ok) this.recorder.start(null, this.options.now());
    return written;
  }

  restore({ pin }: Request<'restoreCalibration'>): CalibrationResult {
    const gate = this.options.checkPin(pin ?? '');
    if (!gate.ok) return fail('pin', 'wrong PIN', gate.waitSeconds);
    const c = this.options.current().calibration;
    if (!c.previous) return fail('nothing_to_restore', 'no earlier calibration is kept');
    return this.write(c.previous, recordOf(c));
  }

  /** The new record in force, the one it replaces kept beside it; every other part of the file as it was. */
  private write(next: CalibrationRecord, replaced: CalibrationRecord): CalibrationResult {
    const path = this.options.configPath;
    const file = readConfigFile(path);
    if (file.kind === 'invalid') return fail('file_invalid', `${path} does not validate (${file.problems.join('; ')}): fix it or save the settings over it first`);
    const raw = file.kind === 'valid' ? file.raw : {};
    const out = { ...raw, calibration: { ...next, previous: replaced } };
    // Parsed before anything is written: a file we write always loads.
    const config = parseConfig(out, path);
    try {
      writeFileAtomic(path, `${JSON.stringify(out, null, 2)}\n`);
    } catch (err) {
      return fail('write_failed', `cannot write ${path}: ${(err as Error).message}`);
    }
    this.options.apply(config);
    return { ok: true, view: this.view() };
  }
}
