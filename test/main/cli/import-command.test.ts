import { describe, expect, it } from 'vitest';
import { describeSummary } from '../../../src/main/cli/import-command';
import { emptyCounts } from '../../../src/main/import/import-journal';

describe('describeSummary()', () => {
  it('gives the span of the imported records in local time of the configured zone, as every command does', () => {
    const counts = { ...emptyCounts(), records: 2, valid: 2, firstT: Date.parse('2026-03-01T00:30:00Z'), lastT: Date.parse('2026-07-01T12:00:00Z') };
    const summary = { source: 'power.db', dryRun: false, resumed: false, counts, wouldSkip: 0, reportPath: null, examples: [], seconds: 1 };
    expect(describeSummary(summary, 'Europe/Paris')[0]).toBe('2 records from power.db, valid ones from 2026-03-01T01:30:00+01:00 to 2026-07-01T14:00:00+02:00');
  });
});
