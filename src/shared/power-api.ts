import type { LiveEvent, Request, Response } from './contract';
import type { OpName } from './ops';

type Unsubscribe = () => void;

/**
 * What the renderer talks to. The preload bridge and the HTTP/SSE client both
 * implement it, so the UI does not know which door it came through.
 */
export type PowerApi = {
  [K in OpName]: (request: Request<K>) => Promise<Response<K>>;
} & {
  subscribe: (listener: (event: LiveEvent) => void) => Unsubscribe;
};
