import type { AcquisitionFigures } from '../../shared/contract';

/** What the sampler measured of one window. */
export interface WindowTiming {
  /** Conversions that came back. */
  samples: number;
  /** How long the window lasted, monotonic ms. */
  spanMs: number;
  ioctls: number | null;
}

/** The figures the status line shows, from one window's measurement. Pure. */
export function acquisitionFigures(t: WindowTiming, mainsHz: number): AcquisitionFigures {
  const spanMs = t.spanMs > 0 ? t.spanMs : 0;
  return {
    ioctlsPerWindow: t.ioctls,
    samplesPerSecond: spanMs > 0 ? (t.samples * 1000) / spanMs : 0,
    mainsCyclesPerWindow: (spanMs * mainsHz) / 1000,
  };
}

/**
 * Whether the screen would show something different: the status is pushed to
 * every screen, so not for the jitter of each window, only when the ioctl count
 * changes or the rate or the cycles move by about 1 %.
 */
export function figuresChanged(a: AcquisitionFigures | undefined, b: AcquisitionFigures): boolean {
  if (!a) return true;
  const moved = (x: number, y: number): boolean => Math.abs(x - y) > 0.01 * Math.max(Math.abs(x), Math.abs(y));
  return a.ioctlsPerWindow !== b.ioctlsPerWindow || moved(a.samplesPerSecond, b.samplesPerSecond) || moved(a.mainsCyclesPerWindow, b.mainsCyclesPerWindow);
}
