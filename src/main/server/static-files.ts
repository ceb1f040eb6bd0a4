import { createReadStream, realpathSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { SECURITY_HEADERS } from './security-headers';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

const inside = (dir: string, file: string): boolean => file.startsWith(dir.endsWith(sep) ? dir : dir + sep);

/**
 * The file's real path when it is a regular file inside the real `root`, else
 * null: a symlink in the folder could otherwise serve any file the process reads.
 */
function realFileInside(root: string, file: string): { path: string; size: number } | null {
  try {
    const path = realpathSync(file);
    const st = statSync(path);
    return st.isFile() && inside(realpathSync(root), path) ? { path, size: st.size } : null;
  } catch {
    return null;
  }
}

/** Serves the built renderer; never a file outside its folder, through `..` or a symlink. */
export function serveStatic(root: string, urlPath: string, res: ServerResponse): void {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    rel = '\0';
  }
  if (rel.endsWith('/')) rel += 'index.html';
  const file = normalize(join(root, rel));
  const real = rel.includes('\0') || !inside(root, file) ? null : realFileInside(root, file);
  if (!real) {
    res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain' }).end('not found');
    return;
  }
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': real.size,
    // index.html names hashed assets, so it is never cached; the assets can be.
    'Cache-Control': file.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
  });
  // A file that vanishes between stat and open ends the response, not the process.
  createReadStream(real.path)
    .on('error', () => res.destroy())
    .pipe(res);
}
