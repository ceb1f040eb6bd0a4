import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CallResult } from '../../shared/contract';
import { EXPORT_CSV_PATH, LIVE_PATH, OPS, type OpName } from '../../shared/ops';
import { type Handlers, dispatch } from '../core/dispatch';
import { decideAccess, tokenCookie } from './access-token';
import { answerClientError } from './client-error';
import { type CsvExportSource, streamCsvExport } from './export-route';
import { isAllowedHost, isOwnOrigin } from './host-check';
import { type LiveSource, openLiveStream } from './live-stream';
import { queryToObject } from './query';
import { isJson, isLoopback, readJsonBody } from './request-origin';
import { SECURITY_HEADERS } from './security-headers';
import { serveStatic } from './static-files';

export interface HttpServerOptions extends LiveSource {
  handlers: Handlers;
  staticDir: string;
  /** Serves GET /api/export.csv when given. */
  csvExport?: CsvExportSource;
  /** When set, every request must carry this token (see access-token.ts); null on loopback. */
  token?: string | null;
  /** The address bound to (--host): a Host header may name it. */
  bindHost?: string;
}

const route = (method: string, path: string): string => `${method} ${path}`;
const ROUTES = new Map<string, OpName>(Object.entries(OPS).map(([op, spec]) => [route(spec.method, spec.path), op as OpName]));
const PATHS = new Set<string>(Object.values(OPS).map((spec) => spec.path));

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return void res.destroy();
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

const problem = (code: string, message: string) => ({ error: { code, message } });

const STATUS_OF: Record<Extract<CallResult<unknown>, { ok: false }>['error']['code'], number> = {
  invalid_request: 400,
  not_found: 404,
  unknown_operation: 404,
  internal: 500,
};

async function callOp(op: OpName, req: IncomingMessage, url: URL, options: HttpServerOptions): Promise<[number, unknown]> {
  const spec: { method: string; loopbackOnly?: true } = OPS[op];
  // A LAN client can look but not change anything.
  if (spec.loopbackOnly && !isLoopback(req)) return [403, problem('forbidden', `${op} is only allowed from this machine`)];
  let payload: unknown;
  if (spec.method === 'POST') {
    // A page on another site (or a DNS-rebound name) can make this machine's browser post here.
    if (!isOwnOrigin(req)) return [403, problem('forbidden', `${op}: only this server's own page may change things (Origin: http://${req.headers.host})`)];
    if (!isJson(req)) return [415, problem('invalid_request', `${op}: send JSON`)];
    const body = await readJsonBody(req);
    if (!body.ok) return [400, problem('invalid_request', `${op}: ${body.message}`)];
    payload = body.value;
  } else {
    const query = queryToObject(url.searchParams);
    if (!query.ok) return [400, problem('invalid_request', query.message)];
    payload = query.value;
  }
  // The client left while its body came in: no work for nobody.
  if (req.socket.destroyed) return [499, problem('gone', 'client went away')];
  const r = await dispatch(options.handlers, op, payload);
  return r.ok ? [200, r.value] : [STATUS_OF[r.error.code], { error: r.error }];
}

/** Where to go after the token exchange: a path of this server, never `//other.host/...`. */
const ownPath = (url: URL): string => `/${url.pathname.replace(/^[/\\]+/, '')}${url.search}`;

/** Checks Host, token and method; answers and returns false when the request goes no further. */
function admit(req: IncomingMessage, res: ServerResponse, url: URL, method: string, options: HttpServerOptions): boolean {
  if (!isAllowedHost(req.headers.host, options.bindHost)) {
    sendJson(res, 421, problem('wrong_host', `this server does not answer for the name "${req.headers.host ?? ''}"`));
    return false;
  }
  const op = ROUTES.get(route(method, url.pathname));
  if (!op && (method !== 'GET' || PATHS.has(url.pathname))) {
    res.writeHead(405, { ...SECURITY_HEADERS, Allow: PATHS.has(url.pathname) ? 'GET, HEAD, POST' : 'GET, HEAD' }).end('method not allowed');
    return false;
  }
  if (!options.token) return true;
  const decision = decideAccess({ authorization: req.headers.authorization, cookie: req.headers.cookie, queryToken: url.searchParams.get('token') }, options.token);
  if (decision === 'denied') {
    sendJson(res, 401, problem('unauthorized', 'a token is required: open the link corcy-power serve printed'));
    return false;
  }
  if (decision === 'exchange') {
    // Keep the token out of the address bar and the history: the cookie carries it from now on.
    url.searchParams.delete('token');
    res.writeHead(303, { ...SECURITY_HEADERS, 'Set-Cookie': tokenCookie(options.token), Location: ownPath(url), 'Cache-Control': 'no-store' });
    res.end();
    return false;
  }
  return true;
}

function handle(req: IncomingMessage, res: ServerResponse, options: HttpServerOptions): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
  if (!admit(req, res, url, method, options)) return;
  const failed = (err: unknown): void => sendJson(res, 500, problem('internal', `${url.pathname} failed: ${(err as Error).message}`));
  if (url.pathname === LIVE_PATH) return openLiveStream(req, res, options);
  if (url.pathname === EXPORT_CSV_PATH && options.csvExport) {
    const query = queryToObject(url.searchParams);
    if (!query.ok) return sendJson(res, 400, problem('invalid_request', query.message));
    void streamCsvExport(query.value, res, options.csvExport).catch(failed);
    return;
  }
  const op = ROUTES.get(route(method, url.pathname));
  if (op) {
    void callOp(op, req, url, options).then(([status, body]) => (status === 499 ? res.destroy() : sendJson(res, status, body)), failed);
    return;
  }
  if (url.pathname.startsWith('/api/')) return sendJson(res, 404, problem('unknown_operation', `no route ${url.pathname}`));
  serveStatic(options.staticDir, url.pathname, res);
}

/** The HTTP door: the same handlers as IPC, through the same dispatch. Nothing a request does can end the process. */
export function createHttpServer(options: HttpServerOptions): Server {
  const server = createServer((req, res) => {
    try {
      handle(req, res, options);
    } catch (err) {
      sendJson(res, 500, problem('internal', `request failed: ${(err as Error).message}`));
    }
  });
  server.on('clientError', answerClientError);
  return server;
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
