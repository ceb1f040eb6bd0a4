import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { type AddressInfo, connect as tcpConnect, createServer } from 'node:net';
import { join } from 'node:path';
import { until } from './until';

/** A port the OS says is free now (the broker binds it right after). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

const accepts = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = tcpConnect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

/** A CA and a server certificate for 127.0.0.1 and localhost, made with Debian's openssl for this test only. */
function makeCertificates(dir: string): { ca: string; cert: string; key: string } {
  const p = (name: string) => join(dir, name);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=corcy-test-ca', '-keyout', p('ca.key'), '-out', p('ca.crt'));
  ssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', p('server.key'), '-out', p('server.csr'));
  writeFileSync(p('san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  ssl('x509', '-req', '-in', p('server.csr'), '-CA', p('ca.crt'), '-CAkey', p('ca.key'), '-CAcreateserial', '-days', '2', '-extfile', p('san.ext'), '-out', p('server.crt'));
  return { ca: p('ca.crt'), cert: p('server.crt'), key: p('server.key') };
}

export interface Broker {
  url: string;
  tlsUrl: string;
  /** The CA that signed the TLS listener's certificate. */
  caFile: string;
  user: string;
  password: string;
  /** Kills the broker (SIGKILL: no goodbye to its clients). */
  kill: () => Promise<void>;
  /** Starts it again on the same ports. */
  restart: () => Promise<void>;
  stop: () => Promise<void>;
}

/**
 * Debian's mosquitto on 127.0.0.1, on free ports, with its own config: a password
 * file (no anonymous clients) on a plain listener and a TLS listener whose
 * certificate the test made. Nothing persists between runs.
 */
export async function startBroker(dir: string): Promise<Broker> {
  const user = 'corcy';
  const password = 'test-secret-1';
  execFileSync('mosquitto_passwd', ['-b', '-c', join(dir, 'passwd'), user, password], { stdio: 'pipe' });
  const certs = makeCertificates(dir);
  const port = await freePort();
  const tlsPort = await freePort();
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    [
      // Started as root (CI), mosquitto would drop to its own user, who cannot read
      // this test's private folder; as anyone else the line has no effect.
      `user ${process.getuid?.() === 0 ? 'root' : 'mosquitto'}`,
      'per_listener_settings false',
      'allow_anonymous false',
      `password_file ${join(dir, 'passwd')}`,
      'persistence false',
      'log_dest stderr',
      `listener ${port} 127.0.0.1`,
      `listener ${tlsPort} 127.0.0.1`,
      `cafile ${certs.ca}`,
      `certfile ${certs.cert}`,
      `keyfile ${certs.key}`,
      '',
    ].join('\n'),
  );
  let proc: ChildProcess | null = null;
  let log = '';
  const launch = async (): Promise<void> => {
    proc = spawn('mosquitto', ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
    proc.stderr?.on('data', (d) => (log += d));
    let up = false;
    await until(
      () => {
        void accepts(port).then((ok) => (up = ok));
        return up;
      },
      10_000,
      50,
    ).catch(() => {
      throw new Error(`mosquitto did not start:\n${log}`);
    });
  };
  const end = async (signal: NodeJS.Signals): Promise<void> => {
    const p = proc;
    proc = null;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill(signal);
    await exited;
  };
  await launch();
  return {
    url: `mqtt://127.0.0.1:${port}`,
    tlsUrl: `mqtts://127.0.0.1:${tlsPort}`,
    caFile: certs.ca,
    user,
    password,
    kill: () => end('SIGKILL'),
    restart: launch,
    stop: () => end('SIGTERM'),
  };
}
