import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { hostOf, isAllowedHost } from '../../../src/main/server/host-check';

describe('hostOf()', () => {
  it('takes the name out of a Host header, port and brackets dropped', () => {
    expect(hostOf('127.0.0.1:8080')).toBe('127.0.0.1');
    expect(hostOf('[::1]:8080')).toBe('::1');
    expect(hostOf('Kiosk.Local.')).toBe('kiosk.local');
  });

  it('gives null for a missing or malformed header', () => {
    for (const h of [undefined, '', 'a b', 'user@host', 'host/x', '[::1', 'host:port']) expect(hostOf(h), String(h)).toBeNull();
  });
});

describe('isAllowedHost()', () => {
  it('accepts loopback names and addresses, the bind host and the machine own names', () => {
    for (const h of ['localhost:1', '127.0.0.1:8080', '127.1.2.3', '[::1]:80', 'app.localhost', `${hostname()}:8080`, `${hostname()}.local`]) {
      expect(isAllowedHost(h, undefined), h).toBe(true);
    }
    expect(isAllowedHost('kiosk.example:8080', 'kiosk.example')).toBe(true);
  });

  it('refuses any other name: a DNS-rebinding page carries its own', () => {
    for (const h of ['rebind.example:8080', '127.0.0.1.nip.io', 'localhost.evil.example', '0.0.0.0', undefined]) expect(isAllowedHost(h, '127.0.0.1'), String(h)).toBe(false);
  });
});
