import { describe, expect, it } from 'vitest';
import { MAX_DELAY_MS, RECENT_MS, recoverFromGone } from '../../../src/main/electron/renderer-recovery';

const crashed = { reason: 'crashed', exitCode: 139 };

describe('recoverFromGone()', () => {
  it('reloads at once after a first crash, and logs the reason and exit code', () => {
    const r = recoverFromGone(crashed, 1_000_000, []);
    expect(r).toMatchObject({ action: 'reload', delayMs: 0 });
    expect(r.log).toBe('renderer gone (crashed, exit code 139): reloading (1 in the last 5 min)');
  });

  it('waits twice as long for each further death within five minutes, up to a minute', () => {
    const now = 10_000_000;
    const delays = [1, 2, 3, 4, 8, 20].map((n) => {
      const r = recoverFromGone(
        { reason: 'oom', exitCode: 0 },
        now,
        Array.from({ length: n }, (_, i) => now - 1000 * (i + 1)),
      );
      return r.action === 'reload' ? r.delayMs : -1;
    });
    expect(delays).toEqual([1000, 2000, 4000, 8000, MAX_DELAY_MS, MAX_DELAY_MS]);
  });

  it('forgets deaths older than five minutes', () => {
    const now = 10_000_000;
    expect(recoverFromGone(crashed, now, [now - RECENT_MS - 1, now - RECENT_MS * 2])).toMatchObject({ action: 'reload', delayMs: 0 });
  });

  it('does not reload a page that closed cleanly with its window', () => {
    expect(recoverFromGone({ reason: 'clean-exit', exitCode: 0 }, 0, [])).toMatchObject({ action: 'none' });
  });
});
