import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

// The LAN view is read-only, but what a house consumes says when it is empty.
// Off loopback, every request carries the token: `Authorization: Bearer T`, or
// `?token=T` once (a link to open on a phone), which sets an HttpOnly cookie.

const TOKEN_COOKIE = 'corcy_token';
export const MIN_TOKEN_LENGTH = 16;

/** True for the addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  return isIP(h) === 4 && h.startsWith('127.');
}

export const generateToken = (): string => randomBytes(24).toString('base64url');

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();
/** Compares in constant time, whatever the lengths. */
const sameToken = (given: string, token: string): boolean => timingSafeEqual(digest(given), digest(token));

export interface Credentials {
  authorization?: string;
  cookie?: string;
  /** The `token` query parameter, when present. */
  queryToken?: string | null;
}

/** ok: let it through; exchange: valid ?token=, set the cookie and drop it from the URL; denied: 401. */
export type AccessDecision = 'ok' | 'exchange' | 'denied';

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return null;
}

export function decideAccess(c: Credentials, token: string): AccessDecision {
  if (c.queryToken != null) return sameToken(c.queryToken, token) ? 'exchange' : 'denied';
  const bearer = /^Bearer\s+(\S+)$/i.exec(c.authorization ?? '')?.[1];
  if (bearer !== undefined) return sameToken(bearer, token) ? 'ok' : 'denied';
  const cookie = cookieValue(c.cookie, TOKEN_COOKIE);
  return cookie !== null && sameToken(cookie, token) ? 'ok' : 'denied';
}

export const tokenCookie = (token: string): string => `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
