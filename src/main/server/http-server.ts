import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CallResult, LiveEvent } from '../../shared/contract';
import { EXPORT_CSV_PATH, LIVE_PATH, OPS, type OpName } from '../../shared/ops';
import { type Handlers, dispatch } from '../core/dispatch';
import { type CsvExportSource, streamCsvExport } from './export-route';
import { decideAccess, tokenCookie } from './access-token';
import { queryToObject } from './query';
import { isLoopback, isSameOriginJson, readJsonBody } from './request-origin';
import { SECURITY_HEADERS } from './security-headers';
import { serveStatic } from './static-files';

export interface HttpServerOptions {
  handlers: Handlers;
  subscribe(listener: (e: LiveEvent) => void): () => void;
  /** The first event each browser gets, so it never waits for a change to draw. */
  initialEvents(): LiveEvent[];
  staticDir: string;
  /** Serves GET /api/export.csv when given. */
  csvExport?: CsvExportSource;
  /** When set, every request must carry this token (see access-token.ts); null on loopback. */
  token?: string | null;
}

const route = (method: string, path: string): string => `${method} ${path}`;
const ROUTES = new Map<string, OpName>(Object.entries(OPS).map(([op, o]) => [route(o.method, o.path), op as OpName]));
const PATHS = new Set<string>(Object.values(OPS).map((o) => o.path));
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

async function callOp(op: OpName, req: IncomingMessage, url: URL, o: HttpServerOptions): Promise<[number, unknown]> {
  const spec: { method: string; loopbackOnly?: true } = OPS[op];
  // A token lets a LAN client look; changing anything stays with the machine itself.
  if (spec.loopbackOnly && !isLoopback(req)) {
    return [403, { error: { code: 'forbidden', message: `${op} is only allowed from this machine` } }];
  }
  let payload: unknown;
  if (spec.method === 'POST') {
    if (!isSameOriginJson(req)) return [415, { error: { code: 'invalid_request', message: `${op}: send JSON from this server's own page` } }];
    const body = await readJsonBody(req);
    if (!body.ok) return [400, { error: { code: 'invalid_request', message: `${op}: ${body.message}` } }];
    payload = body.value;
  } else {
    const query = queryToObject(url.searchParams);
    if (!query.ok) return [400, { error: { code: 'invalid_request', message: query.message } }];
    payload = query.value;
  }
  const r = await dispatch(o.handlers, op, payload);
  return r.ok ? [200, r.value] : [STATUS_OF[r.error.code], { error: r.error }];
}

/** The HTTP door: the same handlers as IPC, through the same dispatch. */
export function createHttpServer(o: HttpServerOptions): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    const op = ROUTES.get(route(method, url.pathname));
    if (!op && (method !== 'GET' || PATHS.has(url.pathname))) {
      res.writeHead(405, { ...SECURITY_HEADERS, Allow: PATHS.has(url.pathname) ? 'GET, HEAD, POST' : 'GET, HEAD' }).end('method not allowed');
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
    if (url.pathname === EXPORT_CSV_PATH && o.csvExport) {
      const query = queryToObject(url.searchParams);
      if (!query.ok) return sendJson(res, 400, { error: { code: 'invalid_request', message: query.message } });
      void streamCsvExport(query.value, res, o.csvExport);
      return;
    }
    if (op) {
      void callOp(op, req, url, o).then(([status, body]) => sendJson(res, status, body));
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
