import { LIVE_PATH, OPS, type OpName } from '../../shared/ops';
import type { PowerApi } from '../../shared/power-api';
import { openLiveStream } from './live-stream';

// The browser's door: the same operations over HTTP, live events over SSE,
// reopened whenever serve restarts (live-stream.ts).

async function get(op: OpName, request: Record<string, unknown>): Promise<unknown> {
  const spec = OPS[op];
  let res: Response;
  if (spec.method === 'POST') {
    res = await fetch(spec.path, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
  } else {
    const qs = new URLSearchParams(Object.entries(request).map(([k, v]) => [k, String(v)]));
    res = await fetch(`${spec.path}${qs.size ? `?${qs}` : ''}`, { headers: { Accept: 'application/json' } });
  }
  const body = (await res.json()) as { error?: { message: string } };
  if (!res.ok) throw new Error(body.error?.message ?? `${op}: HTTP ${res.status}`);
  return body;
}

export function createHttpApi(): PowerApi {
  const ops = Object.fromEntries((Object.keys(OPS) as OpName[]).map((op) => [op, (request: Record<string, unknown>) => get(op, request)])) as unknown as Omit<
    PowerApi,
    'subscribe'
  >;
  return {
    ...ops,
    subscribe: (listener) => openLiveStream(LIVE_PATH, listener),
  };
}
