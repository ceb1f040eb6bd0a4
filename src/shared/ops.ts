// The operation table without zod, so that the sandboxed preload and the browser
// client can use it without bundling the validator. contract.ts adds the schemas
// and fails to compile if the two tables drift apart.

export const OPS = {
  getStatus: { path: '/api/status' },
  getRecent: { path: '/api/recent' },
  getHistory: { path: '/api/history' },
  getEnergy: { path: '/api/energy' },
} as const;

export type OpName = keyof typeof OPS;
export const OP_NAMES = Object.keys(OPS) as OpName[];

/** Electron IPC channel of an operation; the page never sees these strings. */
export const ipcChannel = (op: OpName): string => `corcy:${op}`;
export const LIVE_CHANNEL = 'corcy:live';
export const LIVE_PATH = '/api/live';
