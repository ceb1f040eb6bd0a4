import { describe, expect, it } from 'vitest';
import { ProgressBar, type ProgressLine, formatDuration, renderProgress } from '../../../src/main/import/progress-bar';

describe('formatDuration()', () => {
  it.each([
    [0, '0 s'],
    [0.4, '0 s'],
    [42, '42 s'],
    [59.4, '59 s'],
    [59.6, '1 min 00 s'],
    [60, '1 min 00 s'],
    [185, '3 min 05 s'],
    [3599, '59 min 59 s'],
    [3600, '1 h 00 min'],
    [3725, '1 h 02 min'],
    [36_000 + 59 * 60 + 59, '10 h 59 min'],
    [-5, '0 s'],
  ])('%s s is "%s"', (s, text) => {
    expect(formatDuration(s)).toBe(text);
  });
});

describe('renderProgress()', () => {
  const line = (over: Partial<ProgressLine> = {}): ProgressLine => ({
    phase: 'reading',
    done: 50,
    total: 100,
    unit: 'records',
    records: 5000,
    elapsedS: 10,
    ...over,
  });

  it('draws the bar, the percentage, the records, the rate and the ETA', () => {
    expect(renderProgress(line(), 10)).toBe('reading   [#####.....]  50.0%  5,000 records  500/s  ETA 10 s');
  });

  it('is 24 characters wide by default, and rounds the bar to the nearest cell', () => {
    const text = renderProgress(line({ done: 1, total: 3 }));
    expect(text).toContain(`[${'#'.repeat(8)}${'.'.repeat(16)}]  33.3%`);
    expect(renderProgress(line({ done: 2, total: 3 }), 10)).toContain('[#######...]  66.7%');
  });

  it('estimates the time left from the pace so far', () => {
    // A quarter done in 30 s: 90 s to go.
    expect(renderProgress(line({ done: 250, total: 1000, elapsedS: 30 }))).toMatch(/ETA 1 min 30 s$/);
    expect(renderProgress(line({ done: 1, total: 1000, elapsedS: 10 }))).toMatch(/ETA 2 h 46 min$/);
  });

  it('counts bytes for the bar and records for the rate', () => {
    const text = renderProgress(line({ unit: 'bytes', done: 1_048_576, total: 4_194_304, records: 12_345, elapsedS: 5 }), 8);
    expect(text).toBe('reading   [##......]  25.0%  12,345 records  2,469/s  ETA 15 s');
  });

  it('draws no bar and no ETA when the total is unknown', () => {
    expect(renderProgress(line({ total: null, phase: 'merging' }))).toBe('merging   5,000 records  500/s');
    expect(renderProgress(line({ total: 0 }))).toBe('reading   5,000 records  500/s');
  });

  it('gives no ETA when done, at the start, or within the first second', () => {
    expect(renderProgress(line({ done: 100 }), 4)).toBe('reading   [####] 100.0%  5,000 records  500/s');
    expect(renderProgress(line({ done: 0, records: 0 }), 4)).toBe('reading   [....]   0.0%  0 records  0/s');
    expect(renderProgress(line({ elapsedS: 1 }), 4)).not.toContain('ETA');
    expect(renderProgress(line({ elapsedS: 0 }), 4)).toBe('reading   [##..]  50.0%  5,000 records  0/s');
  });

  it('never draws past a full bar when the source grew', () => {
    expect(renderProgress(line({ done: 150 }), 4)).toBe('reading   [####] 100.0%  5,000 records  500/s');
  });

  it('groups large numbers', () => {
    expect(renderProgress(line({ total: null, records: 12_345_678, elapsedS: 2 }))).toBe('reading   12,345,678 records  6,172,839/s');
  });
});

/** A terminal that keeps what is written to it, and a clock the test turns. */
function fakeTerminal() {
  const written: string[] = [];
  const out = { write: (s: string) => (written.push(s), true) } as unknown as NodeJS.WriteStream;
  const clock = { t: 10_000 };
  return { written, out, clock, now: () => clock.t };
}

const p = (done: number, records = done) => ({ phase: 'reading', done, total: 100, unit: 'records' as const, records });

describe('ProgressBar', () => {
  it('writes nothing at all when disabled (stderr a file or a pipe)', () => {
    const term = fakeTerminal();
    const bar = new ProgressBar(term.out, false, term.now);
    bar.start();
    for (let i = 0; i <= 100; i += 10) {
      term.clock.t += 1000;
      bar.update(p(i));
    }
    bar.update(p(100), true);
    bar.done();
    expect(term.written).toEqual([]);
  });

  it('redraws one line in place with a carriage return, and ends it with a newline', () => {
    const term = fakeTerminal();
    const bar = new ProgressBar(term.out, true, term.now);
    bar.start();
    term.clock.t += 2000;
    bar.update(p(40, 400));
    expect(term.written).toHaveLength(1);
    expect(term.written[0]).toBe(`\r${renderProgress({ ...p(40, 400), elapsedS: 2 })}\x1b[K`);
    // The bar ends with ESC [K (erase to end of line): the control character is what is tested.
    // eslint-disable-next-line no-control-regex
    expect(term.written[0]).toMatch(/^\rreading {3}\[#{10}\.{14}\] {2}40\.0% {2}400 records {2}200\/s {2}ETA 3 s\x1b\[K$/);
    bar.done();
    expect(term.written).toEqual([term.written[0], '\n']);
  });

  it('draws at most every 200 ms, unless forced', () => {
    const term = fakeTerminal();
    const bar = new ProgressBar(term.out, true, term.now);
    bar.start();
    bar.update(p(1));
    term.clock.t += 100;
    bar.update(p(2));
    term.clock.t += 99;
    bar.update(p(3));
    expect(term.written).toHaveLength(1);
    term.clock.t += 1;
    bar.update(p(4));
    expect(term.written).toHaveLength(2);
    bar.update(p(5), true);
    expect(term.written).toHaveLength(3);
    expect(term.written.every((w) => w.startsWith('\r') && w.endsWith('\x1b[K') && !w.includes('\n'))).toBe(true);
  });

  it('times each phase from its own start', () => {
    const term = fakeTerminal();
    const bar = new ProgressBar(term.out, true, term.now);
    bar.start();
    term.clock.t += 60_000;
    bar.update({ phase: 'reading', done: 100, total: 100, unit: 'bytes', records: 6000 }, true);
    bar.done();
    bar.start();
    term.clock.t += 3000;
    bar.update({ phase: 'merging', done: 300, total: 6000, unit: 'records', records: 300 });
    bar.done();
    expect(term.written).toHaveLength(4);
    expect(term.written[0]).toContain('6,000 records  100/s');
    expect(term.written[1]).toBe('\n');
    expect(term.written[2]).toContain('merging');
    expect(term.written[2]).toContain('300 records  100/s  ETA 57 s');
    expect(term.written[3]).toBe('\n');
  });

  it('ends no line it never drew', () => {
    const term = fakeTerminal();
    const bar = new ProgressBar(term.out, true, term.now);
    bar.start();
    bar.done();
    bar.done();
    expect(term.written).toEqual([]);
  });
});
