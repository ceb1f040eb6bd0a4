import { type BrowserWindow, ipcMain } from 'electron';
import type { CallResult } from '../../shared/contract';
import { OP_NAMES, ipcChannel } from '../../shared/ops';
import { type Handlers, dispatch } from '../core/dispatch';
import { isTrustedSender } from '../core/trusted-sender';

const REFUSED: CallResult<never> = { ok: false, error: { code: 'invalid_request', message: 'sender not trusted' } };

/** The Electron door: one handler per contract entry, sender checked, payload validated by dispatch. */
export function registerIpc(handlers: Handlers, window: () => BrowserWindow | null, pageUrl: string): void {
  for (const op of OP_NAMES) {
    ipcMain.handle(ipcChannel(op), (event, payload: unknown) => {
      const win = window();
      const trusted =
        win !== null &&
        isTrustedSender(
          { webContentsId: event.sender.id, frameUrl: event.senderFrame?.url, isMainFrame: event.senderFrame === event.sender.mainFrame },
          { webContentsId: win.webContents.id, pageUrl },
        );
      return trusted ? dispatch(handlers, op, payload) : REFUSED;
    });
  }
}
