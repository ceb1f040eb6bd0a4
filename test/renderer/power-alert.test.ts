import { describe, expect, it } from 'vitest';
import { alertLevel } from '../../src/renderer/power-alert-level';

describe('alertLevel()', () => {
  it('warns from 90 % of the subscribed power and alarms above it', () => {
    expect(alertLevel(null, 6000)).toBe('none');
    expect(alertLevel(5399, 6000)).toBe('none');
    expect(alertLevel(5400, 6000)).toBe('near');
    expect(alertLevel(6000, 6000)).toBe('near');
    expect(alertLevel(6001, 6000)).toBe('over');
  });
});
