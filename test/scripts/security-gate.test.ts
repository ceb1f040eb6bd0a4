import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSV_HEADER, judgeReport, parseCsv, toCsvRows } from '../../scripts/security-gate.mjs';

const finding = (severity: string, description = 'd') => ({ id: 'X_CHECK', severity, confidence: 'FIRM', file: 'src/a.ts', line: 3, column: 1, description, manualReview: false });
const report = (...sev: string[]) =>
  [
    CSV_HEADER,
    ...toCsvRows(
      'src',
      sev.map((s) => finding(s)),
    ),
  ].join('\n') + '\n';

describe('security gate', () => {
  it('passes LOW and INFORMATIONAL findings and fails MEDIUM and HIGH', () => {
    expect(judgeReport(report('LOW', 'INFORMATIONAL', 'LOW')).failing).toEqual([]);
    expect(judgeReport(report('LOW', 'MEDIUM')).failing.length).toBe(1);
    expect(judgeReport(report('HIGH')).bySeverity).toEqual({ HIGH: 1 });
  });

  it('fails an unknown severity rather than letting it through', () => {
    expect(judgeReport(report('CRITICAL')).failing.length).toBe(1);
  });

  it('refuses a file that is not its report', () => {
    expect(() => judgeReport('issue, severity\nA,HIGH\n')).toThrow(/not a security report/);
  });

  it('round-trips commas, quotes and newlines in descriptions', () => {
    const text = [CSV_HEADER, ...toCsvRows('out', [finding('MEDIUM', 'a "quoted", multi\nline text')])].join('\n');
    expect(parseCsv(text)[1]![7]).toBe('a "quoted", multi\nline text');
    expect(judgeReport(text).failing[0]![2]).toBe('MEDIUM');
  });
});

describe('no-network guard', () => {
  it('refuses a TCP connection, even to a listening loopback server, and records it', async () => {
    const server = createServer((_q, r) => r.end('reached'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const code = `fetch('http://127.0.0.1:${port}/').then(r => r.text()).then(t => console.log('GOT', t), e => console.log('REFUSED', e.cause?.code ?? e.message)).finally(() => console.log('ATTEMPTS', globalThis.__networkAttempts.join(';')))`;
    const r = spawnSync(process.execPath, ['--require', join(__dirname, '../../scripts/no-network.cjs'), '-e', code], { encoding: 'utf8', timeout: 20_000 });
    server.close();
    expect(r.stdout).not.toContain('GOT');
    expect(r.stdout).toMatch(/REFUSED/);
    expect(r.stdout).toMatch(new RegExp(`ATTEMPTS connect \\S*:${port}`));
  });
});
