import { type BrowserWindow, app } from 'electron';
import { type GpuDecision, type GpuSetting, decideGpu, describeGpuStatus, readBoardModel } from './gpu-policy';
import { recoverFromGone } from './renderer-recovery';

/** Before ready: the GPU off where display.gpu or the board says so; the decision logged. */
export function applyGpuSetting(setting: GpuSetting): GpuDecision {
  const decision = decideGpu(setting, readBoardModel());
  if (!decision.enabled) app.disableHardwareAcceleration();
  console.log(`corcy-power: ${decision.reason}`);
  // A GPU process that dies is logged; Chromium restarts it, or falls back to software.
  app.on('child-process-gone', (_e, d) => {
    if (d.type === 'GPU') console.error(`corcy-power: GPU process gone (${d.reason}, exit code ${d.exitCode})`);
  });
  return decision;
}

/** After ready: what Chromium actually enabled. */
export function logGpuStatus(): void {
  console.log(`corcy-power: ${describeGpuStatus(app.getGPUFeatureStatus() as unknown as Record<string, string>)}`);
}

/** A page whose process dies is reloaded (renderer-recovery.ts decides when), and the death logged. */
export function reloadWhenGone(win: BrowserWindow): void {
  const deaths: number[] = [];
  win.webContents.on('render-process-gone', (_e, details) => {
    const now = Date.now();
    const r = recoverFromGone(details, now, deaths);
    deaths.push(now);
    console.error(`corcy-power: ${r.log}`);
    if (r.action === 'reload') setTimeout(() => !win.isDestroyed() && win.webContents.reload(), r.delayMs);
  });
}
