import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../../src/shared/contract';
import { parseConfig } from '../../../src/main/config/load-config';
import { PowerCore } from '../../../src/main/core/power-core';
import { readSpidevLimits } from '../../../src/main/acquisition/spidev-limits';
import { sineSignal } from '../../helpers/clamp-signals';
import { FakeSpiDevice, fakeOpener } from '../../helpers/fake-spidev';
import { EnergyQuery } from '../../../src/main/energy/energy-query';
import { dispatch } from '../../../src/main/core/dispatch';
import { readingAt, storeOn, tempDb } from '../../helpers/history-db';
import { until } from '../../helpers/until';
import { useTempDir } from '../../helpers/temp-dir';

const tmp = useTempDir();

describe('PowerCore', () => {
  it('falls back to the simulator when no ADC exists, and says so', async () => {
    const config = parseConfig({ source: { windowMs: 100, samplesPerWindow: 200 }, storage: { flushIntervalMs: 200 } }, 'test');
    const core = new PowerCore({ config, dbPath: join(tmp(), 'power.db'), deviceExists: () => false, log: () => undefined });
    const events: LiveEvent[] = [];
    core.hub.subscribe((e) => events.push(e));
    core.start();
    await until(() => events.filter((e) => e.type === 'reading').length >= 3);
    const status = core.status();
    expect(status.source).toBe('simulated');
    expect(status.notice).toMatch(/No ADC at \/dev\/spidev0\.0/);
    expect(status.lastReading?.powerW).toBeGreaterThan(0);
    await core.stop();
  });

  it('shows an unreadable sensor in its status, keeps running, and recovers', async () => {
    const config = parseConfig({ source: { kind: 'mcp3008', windowMs: 100, samplesPerWindow: 200 } }, 'test');
    const dev = new FakeSpiDevice({ signal: sineSignal(50, 511.5) });
    const state = { status: 'EACCES' as 'present' | 'EACCES' };
    const core = new PowerCore({ config, dbPath: join(tmp(), 'power.db'), opener: fakeOpener(() => dev, state), log: () => undefined });
    const events: LiveEvent[] = [];
    core.hub.subscribe((e) => events.push(e));
    core.start();
    await until(() => core.status().state.kind === 'error');
    expect(core.status()).toMatchObject({ source: 'mcp3008', state: { kind: 'error', code: 'EACCES', message: /spi group/ } });
    expect(events.some((e) => e.type === 'status' && e.status.state.kind === 'error')).toBe(true);
    state.status = 'present';
    await until(() => core.status().state.kind === 'ok', 10_000);
    await until(() => events.some((e) => e.type === 'reading'));
    await core.stop();
  });

  it('shows in its status the ioctls per window, the samples per second and the mains cycles per window it really gets', async () => {
    // 200 samples in 100 ms on arm64 at bufsiz 4096: 32 conversions per ioctl, so 7 ioctls;
    // 2000 samples/s and 5 cycles of 50 Hz once the pacer has the windows at 100 ms.
    const config = parseConfig({ source: { kind: 'mcp3008', windowMs: 100, samplesPerWindow: 200 } }, 'test');
    const dev = new FakeSpiDevice({ signal: sineSignal(50, 511.5), arch: 'arm64', bufsiz: 4096, ioctlOverheadUs: 200, schedulingJitterUs: 20 });
    const bufsiz = join(tmp(), 'bufsiz');
    writeFileSync(bufsiz, '4096\n');
    const core = new PowerCore({
      config,
      dbPath: join(tmp(), 'power.db'),
      opener: fakeOpener(() => dev, { status: 'present' }),
      spidev: { limits: () => readSpidevLimits('arm64', bufsiz), monotonicMs: dev.nowMs },
      log: () => undefined,
    });
    const events: LiveEvent[] = [];
    core.hub.subscribe((e) => events.push(e));
    core.start();
    await until(() => events.filter((e) => e.type === 'reading').length >= 8);
    const a = core.status().acquisition!;
    expect(a.ioctlsPerWindow).toBe(7);
    expect(a.samplesPerSecond).toBeGreaterThan(1960);
    expect(a.samplesPerSecond).toBeLessThan(2040);
    expect(Math.abs(a.mainsCyclesPerWindow - 5)).toBeLessThan(0.1);
    expect(events.some((e) => e.type === 'status' && e.status.acquisition?.ioctlsPerWindow === 7)).toBe(true);
    await core.stop();
  });

  it('serves recent history from the database and from the batch not yet written', async () => {
    const path = join(tmp(), 'power.db');
    const config = parseConfig({ source: { kind: 'simulated', windowMs: 100, samplesPerWindow: 200 }, storage: { flushIntervalMs: 60_000 } }, 'test');
    const core = new PowerCore({ config, dbPath: path, log: () => undefined });
    core.start();
    await until(() => core.recent(10).length >= 5);
    expect(core.store.count()).toBe(0);
    const n = core.recent(10).length;
    await core.stop();

    const again = new PowerCore({ config, dbPath: path, log: () => undefined });
    // Stop flushed the last batch: everything seen live is in the file.
    expect(again.store.count()).toBeGreaterThanOrEqual(n);
    const recent = again.recent(10);
    expect(recent.length).toBeGreaterThanOrEqual(n);
    expect(recent.map((r) => r.t)).toEqual([...recent.map((r) => r.t)].sort((a, b) => a - b));
    await again.stop();
  });

  it('applies a new time zone without a restart: past days cut again, rollups written after it in the new zone', async () => {
    const config = parseConfig({ source: { kind: 'simulated' }, storage: { retentionDays: 36_600 } }, 'test');
    const core = new PowerCore({ config, dbPath: join(tmp(), 'power.db'), configPath: join(tmp(), 'config.json'), log: () => undefined });
    const start = Date.parse('2026-06-10T00:00:00Z');
    const readings = (from: number, to: number) => Array.from({ length: (to - from) / 10_000 }, (_, i) => readingAt(from + (i + 1) * 10_000, 400 + (i % 5) * 200));
    core.writer.insert(readings(start, start + 12 * 3_600_000));
    core.updateConfig({ ...config, timeZone: 'America/New_York' });
    core.writer.insert(readings(start + 12 * 3_600_000, start + 48 * 3_600_000));
    const asked = await dispatch(core.handlers, 'getEnergy', { from: '2026-06-09', to: '2026-06-11', per: 'day' });
    await core.stop();

    const reference = tempDb();
    storeOn(reference.db, { timeZone: () => 'America/New_York' }).insert(readings(start, start + 48 * 3_600_000));
    const expected = new EnergyQuery(reference.db, () => 'America/New_York').energy(Date.parse('2026-06-09T04:00:00Z'), Date.parse('2026-06-12T04:00:00Z'), 'day');
    reference.close();
    expect(asked.ok).toBe(true);
    const rows = (asked as { value: { period: string; start: number; wh: number }[] }).value;
    expect(rows.map((r) => [r.period, r.start, r.wh])).toEqual(expected.map((r) => [r.period, r.start, r.wh]));
    expect(rows[0]!.start).toBe(Date.parse('2026-06-09T04:00:00Z'));
  });
});
