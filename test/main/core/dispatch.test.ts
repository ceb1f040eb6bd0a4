import { describe, expect, it } from 'vitest';
import { type Handlers, dispatch } from '../../../src/main/core/dispatch';
import { isTrustedSender } from '../../../src/main/core/trusted-sender';
import { unusedHandlers } from '../../helpers/stub-handlers';

function handlers(): Handlers & { calls: string[] } {
  const calls: string[] = [];
  return {
    ...unusedHandlers(),
    calls,
    getStatus: () => {
      calls.push('getStatus');
      return {
        source: 'simulated',
        state: { kind: 'ok' },
        notice: null,
        lastReading: null,
        storage: { state: 'ok' },
        display: { gaugeMaxW: 10_000, liveMinutes: 10, timeZone: 'Europe/Paris', language: 'fr', subscribedVa: 6000 },
      };
    },
    getRecent: ({ minutes }) => {
      calls.push(`getRecent:${minutes}`);
      return [];
    },
    getHistory: ({ from, to, maxPoints }) => {
      calls.push(`getHistory:${from}:${to}:${maxPoints}`);
      return { level: 'raw', bucketMs: 1000, t: [], mean: [], min: [], max: [], missingS: [], n: [] };
    },
    getEnergy: ({ per }) => {
      calls.push(`getEnergy:${per}`);
      return [];
    },
  };
}

describe('dispatch()', () => {
  it('calls the handler with a valid request', async () => {
    const h = handlers();
    expect(await dispatch(h, 'getRecent', { minutes: 10 })).toEqual({ ok: true, value: [] });
    expect(h.calls).toEqual(['getRecent:10']);
  });

  it('treats a missing payload as an empty request', async () => {
    const h = handlers();
    expect((await dispatch(h, 'getStatus', undefined)).ok).toBe(true);
  });

  it.each([
    ['a string', 'ten'],
    ['a fraction', 1.5],
    ['zero', 0],
    ['too many minutes', 100_000],
    ['NaN', Number.NaN],
    ['nothing', undefined],
  ])('refuses getRecent with %s and never calls the handler', async (_name, minutes) => {
    const h = handlers();
    const r = await dispatch(h, 'getRecent', { minutes });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(h.calls).toEqual([]);
  });

  it('refuses unknown fields and non-object payloads', async () => {
    const h = handlers();
    expect(await dispatch(h, 'getRecent', { minutes: 5, extra: 1 })).toMatchObject({ ok: false, error: { message: /unknown field "extra"/ } });
    expect(await dispatch(h, 'getStatus', 'hello')).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await dispatch(h, 'getStatus', [1, 2])).toMatchObject({ ok: false });
    expect(h.calls).toEqual([]);
  });

  it('refuses operations that do not exist, including inherited names', async () => {
    const h = handlers();
    for (const op of ['deleteEverything', 'toString', '__proto__', 'constructor', 42, null]) {
      expect(await dispatch(h, op, {})).toMatchObject({ ok: false, error: { code: 'unknown_operation' } });
    }
  });

  it('turns a handler that throws into an internal error value', async () => {
    const h = {
      ...handlers(),
      getStatus: () => {
        throw new Error('disk gone');
      },
    };
    expect(await dispatch(h, 'getStatus', {})).toEqual({ ok: false, error: { code: 'internal', message: 'getStatus failed: disk gone' } });
  });
});

describe('isTrustedSender()', () => {
  const expected = { webContentsId: 3, pageUrl: 'file:///opt/corcy/out/renderer/index.html' };

  it('trusts the main frame of our window on our page', () => {
    expect(isTrustedSender({ webContentsId: 3, frameUrl: 'file:///opt/corcy/out/renderer/index.html#x', isMainFrame: true }, expected)).toBe(true);
  });

  it('refuses another window, a subframe, another page, or no frame', () => {
    expect(isTrustedSender({ webContentsId: 4, frameUrl: expected.pageUrl, isMainFrame: true }, expected)).toBe(false);
    expect(isTrustedSender({ webContentsId: 3, frameUrl: expected.pageUrl, isMainFrame: false }, expected)).toBe(false);
    expect(isTrustedSender({ webContentsId: 3, frameUrl: 'https://evil.example/', isMainFrame: true }, expected)).toBe(false);
    expect(isTrustedSender({ webContentsId: 3, frameUrl: undefined, isMainFrame: true }, expected)).toBe(false);
  });
});
