import { type CallResult, type Request, type Response, contract } from '../../shared/contract';
import { OPS, type OpName } from '../../shared/ops';
import { describeIssues } from './zod-issues';

export type Handlers = { [K in OpName]: (request: Request<K>) => Promise<Response<K>> | Response<K> };

/** A request that passed the contract's shape but not a check only the core can make (a range in the configured zone). */
export class InvalidRequestError extends Error {
  constructor(field: string, message: string) {
    super(`field "${field}": ${message}`);
    this.name = 'InvalidRequestError';
  }
}

/** A valid request for something that does not exist (an export job long gone): 404 over HTTP, not 500. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

const isOpName = (op: unknown): op is OpName => typeof op === 'string' && Object.hasOwn(OPS, op);

/**
 * The one way into the handlers, for the IPC door and the HTTP door: it validates
 * the payload against the contract, so a handler only ever sees a valid request,
 * and turns every failure into a value.
 */
export async function dispatch(handlers: Handlers, op: unknown, payload: unknown): Promise<CallResult<unknown>> {
  if (!isOpName(op)) {
    return { ok: false, error: { code: 'unknown_operation', message: `unknown operation ${JSON.stringify(op)}` } };
  }
  const parsed = contract[op].request.safeParse(payload ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid_request', message: `${op}: ${describeIssues(parsed.error.issues).join('; ')}` } };
  }
  try {
    const handler = handlers[op] as (r: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (err) {
    if (err instanceof InvalidRequestError) return { ok: false, error: { code: 'invalid_request', message: `${op}: ${err.message}` } };
    if (err instanceof NotFoundError) return { ok: false, error: { code: 'not_found', message: `${op}: ${err.message}` } };
    return { ok: false, error: { code: 'internal', message: `${op} failed: ${(err as Error).message}` } };
  }
}
