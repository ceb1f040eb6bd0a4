import { describe, expect, it } from 'vitest';
import { contract } from '../../../src/shared/contract';
import { OPS, OP_NAMES, type OpName } from '../../../src/shared/ops';
import { dispatch } from '../../../src/main/core/dispatch';
import { useFuzzTarget } from './fuzz-fixture';
import { BAD_MINUTES, NASTY_STRINGS, POLLUTING_KEYS, VALID_REQUESTS, fuzzer } from './fuzz-inputs';

// Every malformed payload, through either door, gets a validation error and
// changes nothing: same rows, same status, the prototype untouched, the server up.

const SEED = 20240605;
const CASES_PER_OP = 400;
const target = useFuzzTarget();
const snapshot = (): unknown => target.snapshot();

/** Payloads the contract must refuse for this op, built to be wrong rather than filtered. */
function malformed(op: OpName, f: ReturnType<typeof fuzzer>): unknown[] {
  const out: unknown[] = [];
  const valid = VALID_REQUESTS;
  for (let i = 0; i < CASES_PER_OP; i++) {
    const kind = i % 4;
    if (kind === 0)
      out.push(f.extraKeys(valid[op])); // an unknown key, often __proto__ or constructor
    else if (kind === 1) out.push(f.pick([NaN, 0, 1, 'NaN', '', f.longString(), true, [], [valid[op]], 1e308]));
    else if (kind === 2 && op === 'getRecent') out.push({ minutes: f.pick(BAD_MINUTES) });
    else {
      const o = { ...valid[op] } as Record<string, unknown>;
      o[`k${i}`] = f.value();
      out.push(o);
    }
  }
  return out;
}

describe('fuzzing the IPC door (dispatch)', () => {
  for (const op of OP_NAMES) {
    it(`${op}: every malformed payload is an invalid_request and changes nothing`, async () => {
      const before = snapshot();
      const f = fuzzer(SEED + op.length);
      const payloads = malformed(op, f);
      for (const p of payloads) {
        // The test's own generator must not produce a valid request.
        expect(contract[op].request.safeParse(p ?? {}).success).toBe(false);
        const r = await dispatch(target.core.handlers, op, p);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.error.code).toBe('invalid_request');
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(snapshot()).toEqual(before);
      expect(payloads.length).toBe(CASES_PER_OP);
    });
  }

  it('unknown operation names, polluting ones included, are refused as unknown', async () => {
    for (const op of [...POLLUTING_KEYS, '', 'getstatus', 42, null, {}, ['getStatus']]) {
      const r = await dispatch(target.core.handlers, op, {});
      expect(r).toMatchObject({ ok: false, error: { code: 'unknown_operation' } });
    }
  });
});

// '5' and [5] become the number 5 in a query string (query.ts): valid there, so left out.
const BAD_MINUTES_AS_TEXT = BAD_MINUTES.map(String).filter((t) => !(/^\d+$/.test(t) && +t >= 1 && +t <= 1440));

describe('fuzzing the HTTP door', () => {
  const queries = (op: OpName, f: ReturnType<typeof fuzzer>): string[] => {
    const qs: string[] = [];
    for (let i = 0; i < 120; i++) {
      const p = new URLSearchParams();
      if (op === 'getRecent' && i % 3 === 0) p.append('minutes', f.pick(BAD_MINUTES_AS_TEXT));
      else if (op === 'getRecent' && i % 3 === 1) {
        p.append('minutes', '10');
        p.append(f.pick([...POLLUTING_KEYS, 'minutes', 'token2', 'x']), f.pick(NASTY_STRINGS) || 'v');
      } else p.append(f.pick([...POLLUTING_KEYS, 'k', 'minutes[]', 'a.b']), String(f.scalar()).slice(0, 3000));
      qs.push(p.toString());
    }
    return [...qs, 'minutes=%ZZ', 'minutes=1&minutes=1', '__proto__[polluted]=1', `minutes=${'9'.repeat(400)}`];
  };

  for (const op of OP_NAMES) {
    const { path, method } = OPS[op];
    it(`${method} ${path}: every malformed ${method === 'GET' ? 'query' : 'JSON body'} is a 400 invalid_request and changes nothing`, async () => {
      const before = snapshot();
      const f = fuzzer(SEED * 7 + op.length);
      if (method === 'GET') {
        for (const q of queries(op, f)) {
          const r = await fetch(`${target.base}${path}?${q}`);
          expect(r.status, q.slice(0, 80)).toBe(400);
          expect(((await r.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
        }
      } else {
        let sent = 0;
        for (const p of malformed(op, fuzzer(SEED * 11 + op.length)).slice(0, 150)) {
          const body = JSON.stringify(p) ?? '';
          // JSON turns NaN into null and drops undefined: skip what the wire makes valid.
          if (contract[op].request.safeParse(body ? (JSON.parse(body) ?? {}) : {}).success) continue;
          const r = await fetch(`${target.base}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: target.base }, body });
          expect(r.status, body.slice(0, 80)).toBe(400);
          expect(((await r.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
          sent++;
        }
        expect(sent).toBeGreaterThan(100);
      }
      expect(snapshot()).toEqual(before);
      // Still serving: a valid request after the storm.
      const ok = await fetch(`${target.base}/api/recent?minutes=5`);
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as unknown[]).length).toBe(50);
    });
  }
});
