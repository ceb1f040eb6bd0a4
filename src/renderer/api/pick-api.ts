import type { PowerApi } from '../../shared/power-api';
import { createHttpApi } from './http-api';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser. */
    corcyPower?: PowerApi;
  }
}

/** The preload's bridge inside Electron, the HTTP/SSE client in a browser. */
export const pickApi = (): PowerApi => window.corcyPower ?? createHttpApi();
