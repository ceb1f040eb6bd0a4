// The operation table without zod, so that the sandboxed preload and the browser
// client can use it without bundling the validator. contract.ts adds the schemas
// and fails to compile if the two tables drift apart.

// method POST: the request travels as a JSON body (a PIN never sits in a URL).
// loopbackOnly: the HTTP door refuses the call from anywhere but this machine,
// because it changes something: a LAN client, with a token or not, can look but
// not change. The Electron door is the kiosk itself and allows every operation.
export const OPS = {
  getStatus: { path: '/api/status', method: 'GET' },
  getRecent: { path: '/api/recent', method: 'GET' },
  getHistory: { path: '/api/history', method: 'GET' },
  getEnergy: { path: '/api/energy', method: 'GET' },
  getSettings: { path: '/api/settings', method: 'GET' },
  validateSettings: { path: '/api/settings/validate', method: 'POST' },
  saveSettings: { path: '/api/settings', method: 'POST', loopbackOnly: true },
  checkPin: { path: '/api/settings/pin', method: 'POST', loopbackOnly: true },
  getCost: { path: '/api/cost', method: 'GET' },
  getDailyCost: { path: '/api/cost/days', method: 'GET' },
  startExport: { path: '/api/export', method: 'POST', loopbackOnly: true },
  getExport: { path: '/api/export/job', method: 'GET' },
  ejectMedia: { path: '/api/export/eject', method: 'POST', loopbackOnly: true },
  wakeScreen: { path: '/api/screen/wake', method: 'POST', loopbackOnly: true },
  getTempoDays: { path: '/api/tempo', method: 'GET' },
  setTempoColour: { path: '/api/tempo', method: 'POST', loopbackOnly: true },
  getMqttSettings: { path: '/api/mqtt', method: 'GET' },
  saveMqttSettings: { path: '/api/mqtt', method: 'POST', loopbackOnly: true },
  getCalibration: { path: '/api/calibration', method: 'GET' },
  recordCalibration: { path: '/api/calibration/record', method: 'POST', loopbackOnly: true },
  saveCalibration: { path: '/api/calibration', method: 'POST', loopbackOnly: true },
  restoreCalibration: { path: '/api/calibration/restore', method: 'POST', loopbackOnly: true },
} as const satisfies Record<string, { path: string; method: 'GET' | 'POST'; loopbackOnly?: true }>;

export type OpName = keyof typeof OPS;
export const OP_NAMES = Object.keys(OPS) as OpName[];

/** Electron IPC channel of an operation; the page never sees these strings. */
export const ipcChannel = (op: OpName): string => `corcy:${op}`;
export const LIVE_CHANNEL = 'corcy:live';
export const LIVE_PATH = '/api/live';
/** The streamed CSV export of the headless server (not a JSON operation). */
export const EXPORT_CSV_PATH = '/api/export.csv';
