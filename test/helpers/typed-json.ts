import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { contract, type Response as OpResponse } from '../../src/shared/contract';
import type { OpName } from '../../src/shared/ops';

/** What the HTTP door answers when it refuses a call (http-server.ts writes CallResult's error). */
const ErrorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/**
 * A door's answer to one operation, checked by that operation's response schema in the
 * contract: the test reads typed fields, and a body of the wrong shape fails here, by name.
 */
export async function bodyOf<K extends OpName>(op: K, res: Response | Promise<Response>): Promise<OpResponse<K>> {
  return contract[op].response.parse(await (await res).json()) as OpResponse<K>;
}

/** A refusal's body: its code and the message a user would see. */
export async function errorOf(res: Response | Promise<Response>): Promise<ErrorBody['error']> {
  return ErrorBodySchema.parse(await (await res).json()).error;
}

/** The same check for a body already parsed. */
export const errorFrom = (body: unknown): ErrorBody['error'] => ErrorBodySchema.parse(body).error;

/** The same check for a body read as text. */
export const errorIn = (text: string): ErrorBody['error'] => errorFrom(JSON.parse(text));

/**
 * A JSON file the code under test wrote, read back as the shape it was written in (a config,
 * a discovery message). Not validated: the test's own expectations check the fields it reads.
 */
export const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

/** JSON text as the shape the test knows it to be; the expectations that follow check it. */
export const parseJson = <T>(text: string): T => JSON.parse(text) as T;
