import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CallResult, LiveEvent } from '../../shared/contract';
import { LIVE_PATH, OPS, type OpName } from '../../shared/ops';
import { type Handlers, dispatch } from '../core/dispatch';
import { decideAccess, tokenCookie } from './access-token';
import { queryToObject } from './query';
import { SECURITY_HEADERS } from './security-headers';
import { serveStatic } from './static-files';

export interface HttpServerOptions {
  handlers: Handlers;
  subscribe(listener: (e: LiveEvent) => void): () => void;
  /** The first event each browser gets, so it never waits for a change to draw. */
  initialEvents(): LiveEvent[];
  staticDir: string;
  /** When set, every request must carry this token (see access-token.ts); null on loopback. */
  token?: string | null;
}

const ROUTES = new Map<string, OpName>(Object.entries(OPS).map(([op, { path }]) => [path, op as OpName]));
const HEARTBEAT_MS = 15_000;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

const STATUS_OF: Record<Extract<CallResult<unknown>, { ok: false }>['error']['code'], number> = {
  invalid_request: 400,
  unknown_operation: 404,
  internal: 500,
};

function openLiveStream(req: IncomingMessage, res: ServerResponse, o: HttpServerOptions): void {
  req.socket.setNoDelay(true);
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  const send = (e: LiveEvent): void => {
    res.write(`data: ${JSON.stringify(e)}\n\n`);
  };
  for (const e of o.initialEvents()) send(e);
  const unsubscribe = o.subscribe(send);
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  const close = (): void => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  req.on('close', close);
  res.on('error', close);
}

/** The HTTP door: the same handlers as IPC, through the same dispatch. */
export function createHttpServer(o: HttpServerOptions): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...SECURITY_HEADERS, Allow: 'GET, HEAD' }).end('method not allowed');
      return;
    }
    if (o.token) {
      const decision = decideAccess(
        { authorization: req.headers.authorization, cookie: req.headers.cookie, queryToken: url.searchParams.get('token') },
        o.token,
      );
      if (decision === 'denied') {
        return sendJson(res, 401, { error: { code: 'unauthorized', message: 'a token is required: open the link corcy-power serve printed' } });
      }
      if (decision === 'exchange') {
        // Keep the token out of the address bar and the history: the cookie carries it from now on.
        url.searchParams.delete('token');
        res.writeHead(303, { ...SECURITY_HEADERS, 'Set-Cookie': tokenCookie(o.token), Location: url.pathname + url.search, 'Cache-Control': 'no-store' });
        res.end();
        return;
      }
    }
    if (url.pathname === LIVE_PATH) return openLiveStream(req, res, o);
    const op = ROUTES.get(url.pathname);
    if (op) {
      const query = queryToObject(url.searchParams);
      if (!query.ok) return sendJson(res, 400, { error: { code: 'invalid_request', message: query.message } });
      void dispatch(o.handlers, op, query.value).then((r) =>
        r.ok ? sendJson(res, 200, r.value) : sendJson(res, STATUS_OF[r.error.code], { error: r.error }),
      );
      return;
    }
    if (url.pathname.startsWith('/api/')) return sendJson(res, 404, { error: { code: 'unknown_operation', message: `no route ${url.pathname}` } });
    serveStatic(o.staticDir, url.pathname, res);
  });
}

export function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}
