import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { type Socket, connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Served, startServe } from '../helpers/serve';
import { useTempDir } from '../helpers/temp-dir';
import { until } from '../helpers/until';

// Soak, in minutes not hours: the real `serve` on the simulated source at its
// fastest (a reading every 20 ms, 25 times the default, so that slow clients
// show within a minute), 200 live clients, half of which never read (with a
// LAN client's segment size: see silent-clients.py). Unbounded, serve grew by
// about 1.4 MB/s here (117 -> 160 MB in 30 s). Bounded, RSS stays flat.

const tmp = useTempDir();
const CLIENTS = 200;
const WARMUP_MS = 20_000;
const MEASURE_MS = 45_000;
const sockets: Socket[] = [];
let served: Served | null = null;
let silent: ChildProcess | null = null;

afterAll(async () => {
  for (const s of sockets) s.destroy();
  silent?.kill();
  await served?.stop();
});

function silentClients(port: number, count: number): Promise<void> {
  silent = spawn('python3', [join(__dirname, 'silent-clients.py'), String(port), String(count)], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    silent!.stdout!.on('data', (d: Buffer) => d.toString().includes('connected') && resolve());
    silent!.once('exit', (code) => reject(new Error(`silent clients exited with ${code}`)));
  });
}

const rssMb = (pid: number): number => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

/** RSS in MB, the median of a few samples half a second apart, so one GC does not decide. */
async function steadyRss(pid: number): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < 5; i++) {
    xs.push(rssMb(pid));
    await new Promise((r) => setTimeout(r, 500));
  }
  return xs.sort((a, b) => a - b)[2]!;
}

function readingClient(url: URL, got: { bytes: number }): Socket {
  const s = connect(Number(url.port), url.hostname);
  s.write(`GET /api/live HTTP/1.1\r\nHost: ${url.host}\r\n\r\n`);
  s.on('data', (d: Buffer) => (got.bytes += d.length));
  s.on('error', () => undefined);
  sockets.push(s);
  return s;
}

describe('serve with 200 live clients, half of which never read', () => {
  it(
    'keeps its RSS flat over a minute while the reading half gets every reading',
    async () => {
      const dir = tmp();
      const config = join(dir, 'config.json');
      writeFileSync(config, JSON.stringify({ source: { kind: 'simulated', samplesPerWindow: 40, windowMs: 20 } }));
      served = await startServe(['--config', config, '--db', join(dir, 'power.db')]);
      const url = new URL(served.url);
      const pid = served.proc.pid!;
      const readers = Array.from({ length: CLIENTS / 2 }, () => ({ bytes: 0 }));
      for (const r of readers) readingClient(url, r);
      await silentClients(Number(url.port), CLIENTS / 2);
      await until(() => readers.every((r) => r.bytes > 0), 20_000, 100);
      // The silent clients' kernel buffers fill first; only then does the process hold what they do not take.
      await new Promise((r) => setTimeout(r, WARMUP_MS));
      const before = await steadyRss(pid);
      const bytesBefore = readers.reduce((a, r) => a + r.bytes, 0);
      await new Promise((r) => setTimeout(r, MEASURE_MS));
      const after = await steadyRss(pid);
      const received = readers.reduce((a, r) => a + r.bytes, 0) - bytesBefore;
      console.log(`soak: RSS ${before.toFixed(1)} -> ${after.toFixed(1)} MB over ${MEASURE_MS / 1000} s; readers got ${(received / 1e6).toFixed(1)} MB`);
      expect(after - before).toBeLessThan(10);
      // About 50 readings a second of ~200 bytes to each of 100 readers: the readers were served all along.
      expect(received).toBeGreaterThan(100 * 50 * 150 * (MEASURE_MS / 1000) * 0.5);
      expect(served.proc.exitCode).toBeNull();
    },
    WARMUP_MS + MEASURE_MS + 60_000,
  );
});
