import { contextBridge, ipcRenderer } from 'electron';
import type { CallResult, LiveEvent } from '../shared/contract';
import { LIVE_CHANNEL, OP_NAMES, ipcChannel } from '../shared/ops';
import type { PowerApi } from '../shared/power-api';

// One named function per operation, invoke only: the page never sees a channel
// name or ipcRenderer. Errors come back as values and are rethrown here as Errors.
const call = async (op: string, request: unknown): Promise<unknown> => {
  const result = (await ipcRenderer.invoke(ipcChannel(op as never), request)) as CallResult<unknown>;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

const api = Object.fromEntries(OP_NAMES.map((op) => [op, (request: unknown) => call(op, request)])) as Omit<PowerApi, 'subscribe'>;

const bridge: PowerApi = {
  ...api,
  subscribe(listener: (e: LiveEvent) => void) {
    const relay = (_e: Electron.IpcRendererEvent, event: LiveEvent): void => listener(event);
    ipcRenderer.on(LIVE_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(LIVE_CHANNEL, relay);
    };
  },
};

contextBridge.exposeInMainWorld('corcyPower', bridge);
