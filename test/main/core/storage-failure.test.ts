import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StorageStatus } from '../../../src/shared/contract';
import { parseConfig } from '../../../src/main/config/load-config';
import { PowerCore } from '../../../src/main/core/power-core';
import { useTempDir } from '../../helpers/temp-dir';
import { until } from '../../helpers/until';
import { containing } from '../../helpers/matchers';

// Real failures from SQLite itself, without mounts or root: PRAGMA max_page_count
// makes the file unable to grow (SQLITE_FULL, what a full card gives), and
// PRAGMA query_only refuses every write with SQLITE_READONLY, what a file or
// card that went read-only gives (root ignores file modes, so chmod would not).

const tmp = useTempDir();
let core: PowerCore | null = null;
afterEach(async () => {
  await core?.stop();
  core = null;
});

function startCore(): { core: PowerCore; dbPath: string; statuses: StorageStatus[] } {
  const dbPath = join(tmp(), 'power.db');
  const config = parseConfig({ source: { kind: 'simulated', samplesPerWindow: 40, windowMs: 20 }, storage: { flushIntervalMs: 200 } }, 'test.json');
  const c = new PowerCore({ config, dbPath, configPath: join(tmp(), 'config.json'), log: () => undefined });
  const statuses: StorageStatus[] = [];
  c.hub.subscribe((e) => e.type === 'status' && statuses.push(e.status.storage));
  c.start();
  core = c;
  return { core: c, dbPath, statuses };
}

const rows = (c: PowerCore): number => c.store.count();
const pages = (c: PowerCore): number => c.store.db.pragma('page_count', { simple: true }) as number;

describe('storage failures on the status line', () => {
  it('turns red on a full disk with the free space and the fix, counts what waits, and clears when writes succeed', async () => {
    const { core: c, dbPath, statuses } = startCore();
    await until(() => rows(c) > 0, 10_000);
    expect(c.status().storage).toEqual({ state: 'ok' });
    c.store.db.pragma(`max_page_count = ${pages(c)}`);
    await until(() => c.status().storage.state === 'failing', 10_000);
    const s = c.status().storage;
    if (s.state !== 'failing') throw new Error('unreachable');
    expect(s.cause).toBe('disk_full');
    expect(s.message).toContain(dbPath);
    expect(s.message).toMatch(/\d+(\.\d)? MB free in /);
    expect(s.fix).toMatch(/free space in .*retentionDays/);
    await until(() => c.status().storage.state === 'failing' && (c.status().storage as { pending: number }).pending > 50, 10_000);
    const waiting = (c.status().storage as { pending: number }).pending;
    // 100,000 readings kept, one every 20 ms: the first is lost about 2000 s from now.
    const lossIn = (c.status().storage as { firstLossAt: number }).firstLossAt - Date.now();
    expect(lossIn).toBeGreaterThan((100_000 - waiting - 500) * 20);
    expect(lossIn).toBeLessThanOrEqual(100_000 * 20);
    expect(statuses.some((x) => x.state === 'failing')).toBe(true);
    const before = rows(c);
    c.store.db.pragma('max_page_count = 1073741823');
    await until(() => c.status().storage.state === 'ok', 10_000);
    expect(statuses.at(-1)).toEqual({ state: 'ok' });
    // Nothing that waited was lost.
    expect(rows(c) - before).toBeGreaterThanOrEqual(waiting);
  });

  it('names the file when the database refuses writes (read-only), and clears when it takes them again', async () => {
    const { core: c, dbPath } = startCore();
    await until(() => rows(c) > 0, 10_000);
    c.store.db.pragma('query_only = ON');
    await until(() => c.status().storage.state === 'failing', 10_000);
    expect(c.status().storage).toMatchObject({ cause: 'read_only', message: containing(`read-only: ${dbPath}`), fix: containing(dbPath) });
    c.store.db.pragma('query_only = OFF');
    await until(() => c.status().storage.state === 'ok', 10_000);
  });
});
