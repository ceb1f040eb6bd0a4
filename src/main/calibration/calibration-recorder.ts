import type { CalibrationStep, Recording } from '../../shared/calibration-contract';
import { type Measured, type Summary, type WindowSample, floorFrom, loadFrom } from './calibration-maths';

interface StepLimits {
  /** Shortest recording that can be saved, s. */
  minSeconds: number;
  /** Windows are no longer taken after this, s. */
  maxSeconds: number;
}

// A minute of idle at least: slow wobbles of the noise (a fridge's relay, the
// supply) must be in it; longer is better, as the floor's error is what an
// idle clamp reads (see energy/floor-energy.ts), hence up to half an hour.
// A known load only needs enough windows for a steady mean square.
const STEP_LIMITS: Record<CalibrationStep, StepLimits> = {
  idle: { minSeconds: 60, maxSeconds: 1800 },
  load: { minSeconds: 10, maxSeconds: 10 },
};

interface Running {
  step: CalibrationStep;
  startedAt: number;
  lastT: number;
  windows: WindowSample[];
}

/** Collects live windows for one wizard step at a time; the core feeds it every reading. */
export class CalibrationRecorder {
  private running: Running | null = null;

  start(step: CalibrationStep | null, now: number): void {
    this.running = step === null ? null : { step, startedAt: now, lastT: now, windows: [] };
  }

  get step(): CalibrationStep | null {
    return this.running?.step ?? null;
  }

  /** A live reading: taken while the step's recording lasts. */
  add(r: { t: number; rms: number; flags: number }): void {
    const run = this.running;
    if (!run || r.t <= run.startedAt || this.finished(run)) return;
    run.windows.push({ rms: r.rms, flags: r.flags });
    run.lastT = r.t;
  }

  private seconds(run: Running): number {
    return (run.lastT - run.startedAt) / 1000;
  }

  private finished(run: Running): boolean {
    return this.seconds(run) >= STEP_LIMITS[run.step].maxSeconds;
  }

  /** The statistic of what was recorded, for the step in progress. */
  measure(floorMs: number): Measured<Summary> | null {
    const run = this.running;
    if (!run || run.windows.length < 2) return null;
    return run.step === 'idle' ? floorFrom(run.windows) : loadFrom(run.windows, floorMs);
  }

  view(floorMs: number): Recording {
    const run = this.running;
    if (!run) return { step: null, windows: 0, seconds: 0, minSeconds: 0, finished: false, measured: null, problem: null, ready: false };
    const m = this.measure(floorMs);
    const minSeconds = STEP_LIMITS[run.step].minSeconds;
    return {
      step: run.step,
      windows: run.windows.length,
      seconds: this.seconds(run),
      minSeconds,
      finished: this.finished(run),
      measured: m?.ok ? m.value : null,
      problem: m && !m.ok ? { reason: m.reason, message: m.message } : null,
      ready: m?.ok === true && this.seconds(run) >= minSeconds,
    };
  }
}
