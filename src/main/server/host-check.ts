import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';

// DNS rebinding: a page on rebind.example whose name later resolves to 127.0.0.1
// is, to the browser, same-origin with this server. The Host header still says
// rebind.example, so only names this server is really reachable under are
// served, and a change must come with an Origin naming the same server.

const LOOPBACK_NAMES = ['localhost', 'localhost.localdomain', 'ip6-localhost', 'ip6-loopback'];

/** The name in a Host header, without port or IPv6 brackets, lower case; null when malformed. */
export function hostOf(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^(?:\[([0-9a-f:.]+)\]|([^:[\]/@\s]+))(?::\d{1,5})?$/i.exec(header.trim());
  if (!m) return null;
  return (m[1] ?? m[2]!).toLowerCase().replace(/\.$/, '');
}

function isLoopbackName(name: string): boolean {
  if (LOOPBACK_NAMES.includes(name) || name.endsWith('.localhost')) return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  return name === '::1' || name === '::ffff:127.0.0.1';
}

/**
 * Names and addresses that reach this machine: loopback, the bind host, the
 * machine's own names (hostname, hostname.local for mDNS) and every address of
 * its interfaces, read per call so that a new DHCP lease counts at once.
 */
function ownHostNames(bindHost: string | undefined): Set<string> {
  const names = new Set<string>();
  const host = hostname().toLowerCase();
  names.add(host);
  names.add(`${host}.local`);
  if (bindHost) names.add(bindHost.toLowerCase().replace(/^\[|\]$/g, ''));
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) names.add(a.address.toLowerCase().replace(/%.*$/, ''));
  }
  return names;
}

export function isAllowedHost(header: string | undefined, bindHost: string | undefined): boolean {
  const name = hostOf(header);
  if (name === null) return false;
  return isLoopbackName(name) || ownHostNames(bindHost).has(name);
}

/** A change needs the Origin of a page this server served: http://<the Host it was asked for>. */
export function isOwnOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  return origin !== undefined && req.headers.host !== undefined && origin.toLowerCase() === `http://${req.headers.host.toLowerCase()}`;
}
