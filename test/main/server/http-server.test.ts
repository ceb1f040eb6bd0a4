import type { Server } from 'node:http';
import { execFile } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type LiveEvent, LiveEventSchema } from '../../../src/shared/contract';
import { EventHub } from '../../../src/main/core/event-hub';
import type { Handlers } from '../../../src/main/core/dispatch';
import { createHttpServer, listen } from '../../../src/main/server/http-server';
import { queryToObject } from '../../../src/main/server/query';
import { useTempDir } from '../../helpers/temp-dir';
import { unusedHandlers } from '../../helpers/stub-handlers';
import { until } from '../../helpers/until';

const tmp = useTempDir();
let server: Server | null = null;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
  server = null;
});

const status = {
  source: 'simulated' as const,
  state: { kind: 'ok' as const },
  notice: null,
  lastReading: null,
  storage: { state: 'ok' as const },
  display: { gaugeMaxW: 10_000, liveMinutes: 10, timeZone: 'Europe/Paris', language: 'fr' as const, subscribedVa: 6000 },
};

async function start(): Promise<{ base: string; hub: EventHub; calls: number[]; root: string }> {
  const root = join(tmp(), 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(root, 'assets', 'a.js'), 'console.log(1)');
  writeFileSync(join(tmp(), 'secret.txt'), 'secret');
  const hub = new EventHub();
  const calls: number[] = [];
  const handlers: Handlers = {
    ...unusedHandlers(),
    getStatus: () => status,
    getRecent: ({ minutes }) => {
      calls.push(minutes);
      return [];
    },
    getHistory: () => ({ level: 'raw', bucketMs: 1000, t: [], mean: [], min: [], max: [], missingS: [], n: [] }),
    getEnergy: () => [],
  };
  server = createHttpServer({ handlers, subscribe: (l) => hub.subscribe(l), initialEvents: () => [{ type: 'status', status }], staticDir: root });
  const addr = await listen(server, 0, '127.0.0.1');
  return { base: `http://127.0.0.1:${addr.port}`, hub, calls, root };
}

describe('queryToObject()', () => {
  it('makes plain numbers numbers and leaves the rest as text', () => {
    expect(queryToObject(new URLSearchParams('a=10&b=-2.5&c=1e3&d=x'))).toEqual({ ok: true, value: { a: 10, b: -2.5, c: '1e3', d: 'x' } });
  });

  it('refuses a repeated parameter', () => {
    expect(queryToObject(new URLSearchParams('a=1&a=2'))).toMatchObject({ ok: false, message: /more than once/ });
  });
});

describe('the HTTP door', () => {
  it('answers an operation with JSON and the security headers', async () => {
    const { base } = await start();
    const res = await fetch(`${base}/api/status`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.json()).toEqual(status);
  });

  it.each([
    ['/api/recent?minutes=abc', 400],
    ['/api/recent?minutes=0', 400],
    ['/api/recent', 400],
    ['/api/recent?minutes=5&minutes=6', 400],
    ['/api/recent?minutes=5&drop=table', 400],
    ['/api/status?x=1', 400],
    ['/api/nothing', 404],
  ])('refuses %s with %i and a message, without calling the handler', async (path, code) => {
    const { base, calls } = await start();
    const res = await fetch(base + path);
    expect(res.status).toBe(code);
    expect(((await res.json()) as { error: { message: string } }).error.message).toEqual(expect.any(String));
    expect(calls).toEqual([]);
  });

  it('refuses anything but GET', async () => {
    const { base } = await start();
    expect((await fetch(`${base}/api/status`, { method: 'POST', body: '{}' })).status).toBe(405);
    expect((await fetch(`${base}/api/status`, { method: 'DELETE' })).status).toBe(405);
  });

  it('serves the renderer and nothing outside it', async () => {
    const { base } = await start();
    expect((await fetch(`${base}/`)).headers.get('content-type')).toMatch(/text\/html/);
    expect((await fetch(`${base}/assets/a.js`)).status).toBe(200);
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00', '/%E0%A4%A']) {
      const res = await fetch(base + p);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('secret');
    }
  });

  it('does not follow a symlink out of the served folder', async () => {
    const { base, root } = await start();
    writeFileSync(join(root, '..', 'secret.txt'), 'secret');
    symlinkSync(join(root, '..', 'secret.txt'), join(root, 'assets', 'link.js'));
    symlinkSync('/etc', join(root, 'etc'));
    for (const p of ['/assets/link.js', '/etc/hostname', '/etc/passwd']) {
      const res = await fetch(base + p);
      expect(res.status, p).toBe(404);
      expect(await res.text()).not.toContain('secret');
    }
    expect((await fetch(`${base}/assets/a.js`)).status).toBe(200);
  });

  it('answers 431 to 100 KB of headers, which curl reads without a connection reset', async () => {
    const { base } = await start();
    const headers = join(tmp(), 'headers.txt');
    writeFileSync(headers, `X-Big: ${'a'.repeat(100_000)}\n`);
    // Not spawnSync: the server runs in this process and must keep answering.
    const r = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile('curl', ['-sS', '-m', '20', '-o', '/dev/null', '-w', '%{http_code}', '-H', `@${headers}`, `${base}/api/status`], (err, stdout, stderr) =>
        resolve({ code: err ? Number(err.code) : 0, stdout, stderr }),
      ),
    );
    expect(r.stderr).not.toMatch(/reset/i);
    expect(r.stdout).toBe('431');
    expect(r.code).toBe(0);
    expect((await fetch(`${base}/api/status`)).status).toBe(200);
  });

  it('pushes live events over SSE, starting with the status', async () => {
    const { base, hub } = await start();
    const res = await fetch(`${base}/api/live`);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    const events: LiveEvent[] = [];
    let buf = '';
    const reading = { t: 1, channel: 0, mean: 511, min: 500, max: 520, rms: 3, currentA: 0.81, powerW: 192, flags: 0 };
    setTimeout(() => hub.publish({ type: 'reading', reading }), 50);
    while (events.length < 2) {
      const { value } = await reader.read();
      buf += new TextDecoder().decode(value);
      const parts = buf.split('\n\n');
      buf = parts.pop()!;
      for (const p of parts) if (p.startsWith('data: ')) events.push(LiveEventSchema.parse(JSON.parse(p.slice(6))));
    }
    expect(events[0]).toEqual({ type: 'status', status });
    expect(events[1]).toEqual({ type: 'reading', reading });
    await reader.cancel();
    await until(() => hub.size === 0, 5000);
    expect(hub.size).toBe(0);
  });
});
