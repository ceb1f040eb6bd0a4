import { describe, expect, it } from 'vitest';
import { OPS, OP_NAMES, type OpName } from '../../../src/shared/ops';
import { rawRequest } from '../../helpers/raw-http';
import { useFuzzTarget } from './fuzz-fixture';
import { VALID_REQUESTS } from './fuzz-inputs';
import { errorIn } from '../../helpers/typed-json';

// DNS rebinding and cross-site writes: a page whose name resolves to 127.0.0.1
// sends its own name as Host and Origin. Whatever the operation, such a request
// is refused and changes nothing; the same request with this server's own names
// goes through.

const target = useFuzzTarget();
const port = (): string => new URL(target.base).port;
const HOSTILE_HOSTS = (): string[] => [
  `rebind.example:${port()}`,
  'rebind.example',
  `127.0.0.1.nip.io:${port()}`,
  `localhost.rebind.example:${port()}`,
  `0.0.0.0:${port()}`,
  `[::ffff:7f00:1]x:${port()}`,
  `127.0.0.1:${port()}@rebind.example`,
];

function send(op: OpName, headers: Record<string, string>) {
  const { path, method } = OPS[op];
  const request = VALID_REQUESTS[op];
  if (method === 'GET') {
    const q = new URLSearchParams(Object.entries(request).map(([k, v]) => [k, String(v)])).toString();
    return rawRequest(target.base, q ? `${path}?${q}` : path, { headers });
  }
  return rawRequest(target.base, path, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(request) });
}

describe('the Host rule of the HTTP door', () => {
  for (const op of OP_NAMES) {
    const { path, method } = OPS[op];
    it(`${method} ${path}: a request naming another host is refused with 421 and changes nothing`, async () => {
      const before = target.snapshot();
      for (const host of HOSTILE_HOSTS()) {
        const r = await send(op, { Host: host, Origin: `http://${host}` });
        expect(r.status, host).toBe(421);
        expect(errorIn(r.body).code).toBe('wrong_host');
      }
      expect(target.snapshot()).toEqual(before);
    });
  }

  it('refuses another host for the live stream, the CSV export and the renderer files too', async () => {
    for (const path of ['/api/live', '/api/export.csv?from=2026-01-01&to=2026-01-02&resolution=raw', '/', '/index.html']) {
      expect((await rawRequest(target.base, path, { headers: { Host: `rebind.example:${port()}` } })).status, path).toBe(421);
    }
  });

  it('answers its own names: 127.0.0.1, localhost and [::1]', async () => {
    for (const host of [`127.0.0.1:${port()}`, `localhost:${port()}`, `[::1]:${port()}`, 'LOCALHOST']) {
      expect((await send('getStatus', { Host: host })).status, host).toBe(200);
    }
  });
});

describe('the Origin rule for changes', () => {
  const changes = OP_NAMES.filter((op) => OPS[op].method === 'POST');
  for (const op of changes) {
    it(`POST ${OPS[op].path}: without this server's own Origin it is refused with 403 and changes nothing`, async () => {
      const before = target.snapshot();
      const host = `127.0.0.1:${port()}`;
      const origins: (string | null)[] = [
        null,
        'null',
        `http://rebind.example:${port()}`,
        `https://${host}`,
        `http://${host}.evil`,
        `http://localhost:${port()}`,
        `http://127.0.0.1:1`,
      ];
      for (const origin of origins) {
        const r = await send(op, { Host: host, ...(origin === null ? {} : { Origin: origin }) });
        expect(r.status, String(origin)).toBe(403);
        expect(errorIn(r.body).code).toBe('forbidden');
      }
      expect(target.snapshot()).toEqual(before);
    });
  }

  it('lets a change through with the Origin of this server: the rule does not lock the owner out', async () => {
    const r = await send('validateSettings', { Host: `localhost:${port()}`, Origin: `http://localhost:${port()}` });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toHaveProperty('problems');
  });
});
