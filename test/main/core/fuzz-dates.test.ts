import { describe, expect, it } from 'vitest';
import { useFuzzTarget } from './fuzz-fixture';
import { BAD_DATES, VALID_REQUESTS } from './fuzz-inputs';

// Every date a request may carry is a real date from 2000 on: 1800-01-01 once
// cost 136 s of CPU, 0099 was read as 1999, 2026-02-30 rolled over into March.

const target = useFuzzTarget();
const ENDPOINTS: [string, Record<string, unknown>, string[]][] = [
  ['/api/history', VALID_REQUESTS.getHistory, ['from', 'to']],
  ['/api/energy', VALID_REQUESTS.getEnergy, ['from', 'to']],
  ['/api/cost/days', VALID_REQUESTS.getDailyCost, ['from', 'to']],
  ['/api/export.csv', { from: '2026-01-01', to: '2026-01-02', resolution: 'raw' }, ['from', 'to']],
];

describe('date validation at the HTTP door', () => {
  for (const [path, valid, fields] of ENDPOINTS) {
    it(`${path}: every impossible or pre-2000 date is a 400 naming the field, and nothing is computed`, async () => {
      const before = target.snapshot();
      for (const field of fields) {
        for (const bad of BAD_DATES) {
          const q = new URLSearchParams(Object.entries({ ...valid, [field]: bad }).map(([k, v]) => [k, String(v)]));
          const started = performance.now();
          const r = await fetch(`${target.base}${path}?${q}`);
          const body = (await r.json()) as { error: { code: string; message: string } };
          expect(r.status, `${field}=${String(bad)}`).toBe(400);
          expect(body.error.code).toBe('invalid_request');
          expect(body.error.message).toContain(field);
          expect(performance.now() - started).toBeLessThan(1000);
        }
      }
      expect(target.snapshot()).toEqual(before);
      expect((await fetch(`${target.base}${path}?${new URLSearchParams(Object.entries(valid).map(([k, v]) => [k, String(v)]))}`)).status).toBe(200);
    });
  }

  it('/api/cost/days: a range longer than a year is refused, bounded by what it costs', async () => {
    const r = await fetch(`${target.base}/api/cost/days?from=2000-01-01&to=2026-01-01`);
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(/at most 366 days/);
    expect((await fetch(`${target.base}/api/cost/days?from=2025-01-01&to=2025-12-31`)).status).toBe(200);
  });
});
