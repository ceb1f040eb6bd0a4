import type { Server } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataDir } from '../config/paths';
import { bootstrap } from '../core/bootstrap';
import { PowerCore } from '../core/power-core';
import { createHttpServer, listen } from '../server/http-server';
import { openDatabase } from '../storage/database';
import { resolveServerToken } from '../server/server-token';
import { type Command, UsageError } from './command';

/** Under systemd's default stop timeout (90 s) and a kiosk user's patience. */
const STOP_TIMEOUT_MS = 10_000;

/** The built renderer, beside the built main: out/main/cli.js -> out/renderer. */
const rendererDir = (): string => join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer');

function parsePort(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > 65535) throw new UsageError(`--port must be a number from 0 to 65535, got "${text}"`);
  return n;
}

/**
 * Runs until SIGINT or SIGTERM, then writes the last readings and stops: within
 * STOP_TIMEOUT_MS whatever hangs, at once on a second signal.
 */
function untilStopped(server: Server, core: PowerCore): Promise<number> {
  return new Promise<number>((resolve) => {
    let stopping = false;
    const shutdown = (signal: string): void => {
      if (stopping) {
        console.log(`corcy-power: ${signal} again, stopping now`);
        process.exit(1);
      }
      stopping = true;
      console.log(`corcy-power: ${signal}, writing the last readings and stopping`);
      // Whatever hangs (a source stuck in the kernel, a stuck export), a service manager's stop is honoured.
      setTimeout(() => {
        console.error(`corcy-power: not stopped after ${STOP_TIMEOUT_MS / 1000} s, exiting anyway`);
        process.exit(1);
      }, STOP_TIMEOUT_MS).unref();
      server.closeAllConnections();
      server.close();
      core.stop().then(
        () => resolve(0),
        (err: unknown) => {
          console.error(`corcy-power: stopping failed: ${(err as Error).message}`);
          resolve(1);
        },
      );
    };
    process.on('SIGINT', () => shutdown('SIGINT'));
    process.on('SIGTERM', () => shutdown('SIGTERM'));
    // A bug behind one request must not end the recording: say it, keep going.
    process.on('unhandledRejection', (err) => console.error(`corcy-power: unhandled rejection: ${(err as Error)?.stack ?? String(err)}`));
  });
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'run headless and serve the kiosk UI over HTTP',
  usage:
    'corcy-power serve [--host 127.0.0.1] [--port 8080] [--token T] [--source auto|mcp3008|sysfs|simulated] [--db PATH] [--config PATH]\n' +
    '  off loopback a token is required: --token, server.token, or one generated into the data folder (server-token)',
  options: {
    host: { type: 'string' },
    port: { type: 'string' },
    source: { type: 'string' },
    token: { type: 'string' },
  },
  async run(ctx) {
    const { config, problem, dbPath } = bootstrap(ctx.configPath, ctx.dbPath);
    if (problem) console.error(`corcy-power: ${problem}`);
    const source = ctx.values.source as string | undefined;
    if (source !== undefined) {
      if (source !== 'auto' && source !== 'mcp3008' && source !== 'sysfs' && source !== 'simulated') {
        throw new UsageError(`--source must be auto, mcp3008, sysfs or simulated, got "${source}"`);
      }
      config.source.kind = source;
    }
    const host = (ctx.values.host as string | undefined) ?? config.server.host;
    const port = parsePort(ctx.values.port as string | undefined, config.server.port);
    let access;
    try {
      access = resolveServerToken({ host, flag: ctx.values.token as string | undefined, configured: config.server.token, file: join(dataDir(), 'server-token') });
    } catch (err) {
      throw new UsageError((err as Error).message);
    }

    const core = new PowerCore({ config, dbPath, configPath: ctx.configPath, extraNotice: problem });
    const server = createHttpServer({
      handlers: core.handlers,
      subscribe: (l) => core.hub.subscribe(l),
      initialEvents: () => [{ type: 'status', status: core.status() }],
      staticDir: rendererDir(),
      csvExport: {
        openReader: () => openDatabase(dbPath, { readonly: true }),
        calibration: () => core.currentConfig.calibration,
        timeZone: () => core.currentConfig.timeZone,
      },
      token: access?.token ?? null,
      bindHost: host,
    });
    core.start();
    const addr = await listen(server, port, host);
    const shown = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
    console.log(`corcy-power: serving http://${shown}:${addr.port} (database ${dbPath})`);
    if (access) {
      const where = access.origin === 'flag' ? '--token' : access.origin === 'config' ? 'server.token' : join(dataDir(), 'server-token');
      console.log(`corcy-power: a token is required (from ${where}); open http://${shown}:${addr.port}/?token=${access.token} once on each device`);
    }

    return untilStopped(server, core);
  },
};
