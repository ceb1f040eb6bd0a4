import type { IncomingMessage } from 'node:http';

/** True when the request comes from this machine (the kiosk's own browser or a local script). */
export function isLoopback(req: IncomingMessage): boolean {
  const a = req.socket.remoteAddress ?? '';
  return a === '127.0.0.1' || a === '::1' || a === '::ffff:127.0.0.1' || a.startsWith('127.');
}

/**
 * A cross-site form cannot send JSON without a CORS preflight we never answer;
 * the Origin (isOwnOrigin) is checked besides, as browsers send one with every POST.
 */
export function isJson(req: IncomingMessage): boolean {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json';
}

/** Reads a JSON body of at most `limit` bytes. */
export function readJsonBody(req: IncomingMessage, limit = 256 * 1024): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Too big: the rest is read and dropped, so the client still gets its 400.
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on('end', () => {
      if (size > limit) return resolve({ ok: false, message: `request body larger than ${limit} bytes` });
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve({ ok: true, value: text ? JSON.parse(text) : {} });
      } catch (e) {
        resolve({ ok: false, message: `body is not valid JSON: ${(e as Error).message}` });
      }
    });
    req.on('error', () => resolve({ ok: false, message: 'request aborted' }));
  });
}
