import { readFileSync } from 'node:fs';

// Whether the kiosk window uses the GPU. Pure decisions, tested under Node; the
// Electron shell reads the board and applies the answer before the app is ready.

export type GpuSetting = 'auto' | 'off';

export interface GpuDecision {
  enabled: boolean;
  /** One line for the log: what was decided and why. */
  reason: string;
}

/** The device tree's model string: "Raspberry Pi 3 Model B Plus Rev 1.3". */
const BOARD_MODEL_FILE = '/proc/device-tree/model';

/**
 * Boards whose GPU is the VideoCore IV (VC4): every Pi 1, 2, 3, Zero and the
 * Compute Modules 1 and 3. Chromium's GPU process glitches or crashes on its
 * Mesa driver; the Pi 4 and 400 (VideoCore VI) and the Pi 5 (VII) run it well.
 */
const VC4_MODEL = /^Raspberry Pi (Model [AB]|[123] Model|Zero|Compute Module( 3| Rev))/;

export function isVc4Board(model: string | null): boolean {
  return model !== null && VC4_MODEL.test(model);
}

export function decideGpu(setting: GpuSetting, model: string | null): GpuDecision {
  const board = model ?? 'not a Raspberry Pi (no device-tree model)';
  if (setting === 'off') return { enabled: false, reason: `GPU off (display.gpu is "off"; board: ${board})` };
  if (isVc4Board(model)) return { enabled: false, reason: `GPU off: ${board} has a VideoCore IV, whose GPU process is unreliable (display.gpu "auto")` };
  return { enabled: true, reason: `GPU on (display.gpu "auto"; board: ${board})` };
}

/** The model, without the device tree's trailing NUL; null where there is none (a PC). */
export function readBoardModel(file = BOARD_MODEL_FILE): string | null {
  try {
    const text = readFileSync(file, 'latin1').replace(/\0+$/, '').trim();
    return text === '' ? null : text;
  } catch {
    return null;
  }
}

/** app.getGPUFeatureStatus() as one log line, the features that matter to the chart first. */
export function describeGpuStatus(status: Readonly<Record<string, string>>): string {
  const first = ['gpu_compositing', 'webgl', 'rasterization', 'video_decode'];
  const keys = [
    ...first.filter((k) => k in status),
    ...Object.keys(status)
      .filter((k) => !first.includes(k))
      .sort(),
  ];
  return `GPU status: ${keys.map((k) => `${k}=${status[k]}`).join(', ')}`;
}
