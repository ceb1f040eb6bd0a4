import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Served, startServe } from '../../helpers/serve';
import { useTempDir } from '../../helpers/temp-dir';
import { until } from '../../helpers/until';

// File descriptors run out (a leak elsewhere, a low ulimit): the kernel's
// EMFILE, made real by lowering the running serve's RLIMIT_NOFILE with
// prlimit(1). Requests fail as HTTP errors or refused connections; serve lives.

const tmp = useTempDir();
let served: Served | null = null;
afterEach(async () => {
  await served?.stop('SIGKILL');
  served = null;
});

const setNofile = (pid: number, n: number): void => void execFileSync('prlimit', ['--pid', String(pid), `--nofile=${n}:`]);
const EXPORT = `/api/export.csv?from=2026-01-01&to=2026-01-02&resolution=raw`;

describe('serve when file descriptors run out', () => {
  it('answers /api/export.csv with an error instead of dying, and exports again once descriptors are back', async () => {
    const dir = tmp();
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ source: { kind: 'simulated' } }));
    served = await startServe(['--config', config, '--db', join(dir, 'power.db')]);
    const pid = served.proc.pid!;
    await until(() => (served!.output().match(/reading/g) ?? []).length > 0, 10_000);
    // One keep-alive connection is opened now; then no descriptor is left for the database.
    const agent = fetch(`${served.url}/api/status`);
    await agent;
    setNofile(pid, readdirSync(`/proc/${pid}/fd`).length);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await fetch(served.url + EXPORT).catch(() => null);
      statuses.push(r?.status ?? 0);
      await r?.text();
    }
    // Over the kept-alive connection the request arrives and the database cannot be opened: an HTTP error.
    expect(
      statuses.every((s) => s === 0 || s >= 500),
      String(statuses),
    ).toBe(true);
    expect(
      statuses.some((s) => s >= 500),
      String(statuses),
    ).toBe(true);
    setNofile(pid, 4096);
    const ok = await fetch(served.url + EXPORT);
    expect(ok.status).toBe(200);
    expect(served.proc.exitCode).toBeNull();
    expect(served.output()).not.toMatch(/unhandled/i);
  });
});
