import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Handlers } from '../../../src/main/core/dispatch';
import { decideAccess, isLoopbackHost, tokenCookie } from '../../../src/main/server/access-token';
import { createHttpServer, listen } from '../../../src/main/server/http-server';
import { resolveServerToken } from '../../../src/main/server/server-token';
import { rawRequest } from '../../helpers/raw-http';

const TOKEN = 'a-long-enough-test-token-0123';
let server: Server | null = null;
let dir = '';
afterEach(async () => {
  if (server) await new Promise((r) => server!.close(r));
  server = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

let calls = 0;
const handlers = {
  getStatus: () => {
    calls++;
    return { marker: 'status' };
  },
  getRecent: () => [],
} as unknown as Handlers;

/** The real HTTP door, token mode forced on, bound to loopback only. */
async function start(token: string | null): Promise<string> {
  dir = mkdtempSync(join(tmpdir(), 'corcy-static-'));
  server = createHttpServer({ handlers, subscribe: () => () => undefined, initialEvents: () => [], staticDir: dir, token });
  const a = await listen(server, 0, '127.0.0.1');
  return `http://127.0.0.1:${a.port}`;
}

describe('the LAN token on the HTTP door', () => {
  it('refuses a request without the token with 401 and never reaches the handler', async () => {
    const base = await start(TOKEN);
    calls = 0;
    for (const path of ['/api/status', '/api/recent?minutes=5', '/api/live', '/', '/index.html']) {
      const r = await fetch(base + path, { redirect: 'manual' });
      expect(r.status, path).toBe(401);
      expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
    }
    expect(calls).toBe(0);
  });

  it('refuses a wrong token in each place it may come from', async () => {
    const base = await start(TOKEN);
    expect((await fetch(`${base}/api/status`, { headers: { Authorization: 'Bearer wrong-token-wrong-token' } })).status).toBe(401);
    expect((await fetch(`${base}/api/status`, { headers: { Cookie: 'corcy_token=wrong' } })).status).toBe(401);
    expect((await fetch(`${base}/api/status?token=wrong`, { redirect: 'manual' })).status).toBe(401);
  });

  it('accepts the Bearer header', async () => {
    const base = await start(TOKEN);
    const r = await fetch(`${base}/api/status`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ marker: 'status' });
  });

  it('trades ?token= for an HttpOnly SameSite=Strict cookie and a URL without it, then accepts the cookie', async () => {
    const base = await start(TOKEN);
    const r = await fetch(`${base}/api/recent?minutes=5&token=${TOKEN}`, { redirect: 'manual' });
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/api/recent?minutes=5');
    const cookie = r.headers.get('set-cookie')!;
    expect(cookie).toBe(tokenCookie(TOKEN));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const again = await fetch(`${base}/api/recent?minutes=5`, { headers: { Cookie: cookie.split(';')[0]! } });
    expect(again.status).toBe(200);
  });

  it('needs no token when none is set (a loopback bind)', async () => {
    const base = await start(null);
    expect((await fetch(`${base}/api/status`)).status).toBe(200);
  });
});

describe('the redirect after the token exchange', () => {
  it('goes to a path of this server only, whatever the slashes (no open redirect)', async () => {
    const base = await start(TOKEN);
    for (const [path, location] of [
      [`/.//evil.example/x?token=${TOKEN}`, '/evil.example/x'],
      [`//evil.example/x?token=${TOKEN}`, '/x'],
      [`/%2F%2Fevil.example/x?token=${TOKEN}`, '/%2F%2Fevil.example/x'],
      [`/\\evil.example/x?a=1&token=${TOKEN}`, '/x?a=1'],
    ]) {
      const r = await rawRequest(base, path!);
      expect(r.status, path).toBe(303);
      expect(r.headers.location, path).toBe(location);
      expect(r.headers.location).toMatch(/^\/(?![/\\])/);
      expect(new URL(r.headers.location as string, base).origin).toBe(base);
    }
  });
});

describe('decideAccess()', () => {
  it('lets a query token decide over a cookie, so a bad link is never silently accepted', () => {
    expect(decideAccess({ queryToken: 'bad', cookie: `corcy_token=${TOKEN}` }, TOKEN)).toBe('denied');
    expect(decideAccess({ authorization: `bearer ${TOKEN}` }, TOKEN)).toBe('ok');
    expect(decideAccess({ cookie: `a=b; corcy_token=${TOKEN}; c=d` }, TOKEN)).toBe('ok');
    expect(decideAccess({}, TOKEN)).toBe('denied');
  });
});

describe('isLoopbackHost()', () => {
  it('knows loopback from the LAN', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.20', 'pi.local', '10.0.0.1']) expect(isLoopbackHost(h), h).toBe(false);
  });
});

describe('resolveServerToken()', () => {
  it('needs none on loopback, generates and stores one (mode 600) on first LAN start, and reuses it', () => {
    dir = mkdtempSync(join(tmpdir(), 'corcy-token-'));
    const file = join(dir, 'data', 'server-token');
    expect(resolveServerToken({ host: '127.0.0.1', file })).toBeNull();
    const first = resolveServerToken({ host: '0.0.0.0', file })!;
    expect(first.origin).toBe('generated');
    expect(first.token.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.token);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(resolveServerToken({ host: '0.0.0.0', file })).toEqual({ token: first.token, origin: 'stored' });
  });

  it('prefers --token, then server.token, and enforces them even on loopback; refuses short ones', () => {
    dir = mkdtempSync(join(tmpdir(), 'corcy-token-'));
    const file = join(dir, 'server-token');
    expect(resolveServerToken({ host: '127.0.0.1', flag: TOKEN, configured: 'x'.repeat(20), file })).toEqual({ token: TOKEN, origin: 'flag' });
    expect(resolveServerToken({ host: '0.0.0.0', configured: TOKEN, file })).toEqual({ token: TOKEN, origin: 'config' });
    expect(() => resolveServerToken({ host: '0.0.0.0', flag: 'short', file })).toThrow(/at least 16 characters \(--token\)/);
  });
});
