/** Whole seconds as "1 h 02 min", "3 min 05 s" or "42 s". */
export function formatDuration(s: number): string {
  const t = Math.max(0, Math.round(s));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = t % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  if (m > 0) return `${m} min ${String(sec).padStart(2, '0')} s`;
  return `${sec} s`;
}

export interface ProgressLine {
  phase: string;
  done: number;
  total: number | null;
  unit: 'records' | 'bytes';
  /** Records handled in this phase so far, for the rate. */
  records: number;
  elapsedS: number;
}

const group = (n: number): string => Math.round(n).toLocaleString('en-US');

/** The text of one progress line: a bar when the total is known, records, rate, ETA. */
export function renderProgress(p: ProgressLine, width = 24): string {
  const rate = p.elapsedS > 0 ? p.records / p.elapsedS : 0;
  const parts = [p.phase.padEnd(8)];
  if (p.total !== null && p.total > 0) {
    const f = Math.min(1, p.done / p.total);
    const filled = Math.round(f * width);
    parts.push(`[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(f * 100).toFixed(1).padStart(5)}%`);
  }
  parts.push(`${group(p.records)} records`, `${group(rate)}/s`);
  if (p.total !== null && p.done > 0 && p.done < p.total && p.elapsedS > 1) {
    parts.push(`ETA ${formatDuration(((p.total - p.done) * p.elapsedS) / p.done)}`);
  }
  return parts.join('  ');
}

/**
 * A progress line redrawn in place on a terminal, at most a few times a second;
 * silent when stderr is a file or a pipe (cron, systemd, a test), where a
 * stream of carriage returns would be noise.
 */
export class ProgressBar {
  private phaseStart = 0;
  private lastDraw = -Infinity;
  private drawn = false;

  constructor(
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly enabled = Boolean(process.stderr.isTTY),
    private readonly now: () => number = () => performance.now(),
  ) {}

  start(): void {
    this.phaseStart = this.now();
    this.lastDraw = -Infinity;
  }

  update(p: Omit<ProgressLine, 'elapsedS'>, force = false): void {
    if (!this.enabled) return;
    const t = this.now();
    if (!force && t - this.lastDraw < 200) return;
    this.lastDraw = t;
    this.out.write(`\r${renderProgress({ ...p, elapsedS: (t - this.phaseStart) / 1000 })}\x1b[K`);
    this.drawn = true;
  }

  /** Ends the line so the summary starts on its own. */
  done(): void {
    if (this.drawn) this.out.write('\n');
    this.drawn = false;
  }
}
