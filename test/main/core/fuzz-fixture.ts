import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { parseConfig } from '../../../src/main/config/load-config';
import { PowerCore } from '../../../src/main/core/power-core';
import { createHttpServer, listen } from '../../../src/main/server/http-server';
import { openDatabase } from '../../../src/main/storage/database';

export interface FuzzTarget {
  core: PowerCore;
  base: string;
  dir: string;
  /** What no refused request may change: rows, status, config file, Tempo colours, the prototype. */
  snapshot: () => unknown;
}

/**
 * A real core on a real SQLite file (50 readings, not started, so nothing but
 * the requests can change anything) behind the real HTTP door on loopback.
 */
export function useFuzzTarget(): FuzzTarget {
  const t = {} as FuzzTarget;
  let server: Server;
  beforeAll(async () => {
    t.dir = mkdtempSync(join(tmpdir(), 'corcy-fuzz-'));
    const dbPath = join(t.dir, 'power.db');
    const config = parseConfig({ source: { kind: 'simulated' } }, 'fuzz.json');
    t.core = new PowerCore({ config, dbPath, configPath: join(t.dir, 'config.json'), log: () => undefined });
    const t0 = Date.now() - 60_000;
    t.core.writer.insert(Array.from({ length: 50 }, (_, i) => ({ t: t0 + i * 500, channel: 0, mean: 511.5, min: 400, max: 620, rms: 30, flags: 0 })));
    const core = t.core;
    server = createHttpServer({
      handlers: core.handlers,
      subscribe: (l) => core.hub.subscribe(l),
      initialEvents: () => [],
      staticDir: t.dir,
      csvExport: { openReader: () => openDatabase(dbPath, { readonly: true }), calibration: () => config.calibration, timeZone: () => config.timeZone },
    });
    t.base = `http://127.0.0.1:${(await listen(server, 0, '127.0.0.1')).port}`;
    const rows = (): number => (core.store.db.prepare('SELECT count(*) AS n FROM reading').get() as { n: number }).n;
    t.snapshot = () => ({
      rows: rows(),
      status: JSON.stringify(core.status()),
      config: existsSync(join(t.dir, 'config.json')),
      tempo: [...core.kiosk.colours.all.entries()].join(),
      proto: Object.keys(Object.prototype).length,
    });
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await t.core.stop();
    rmSync(t.dir, { recursive: true, force: true });
  });
  return t;
}
