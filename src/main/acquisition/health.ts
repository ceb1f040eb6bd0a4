import { Flag } from '../../shared/flags';
import { MCP3008_MAX_COUNT } from './mcp3008-protocol';
import type { WindowStats } from './window-stats';

export interface HealthLimits {
  /** Where the board biases the signal: the middle of 0..1023. */
  midScale: number;
  /** Drift of the mean beyond which the sensor or board is suspect. */
  maxDrift: number;
}

export const DEFAULT_HEALTH: HealthLimits = { midScale: 511.5, maxDrift: 20 };

export function healthFlags(stats: WindowStats, lost: number, limits: HealthLimits): number {
  let flags = 0;
  if (Math.abs(stats.mean - limits.midScale) > limits.maxDrift) flags |= Flag.Drift;
  if (stats.min <= 0) flags |= Flag.ClipLow;
  if (stats.max >= MCP3008_MAX_COUNT) flags |= Flag.ClipHigh;
  if (lost > 0) flags |= Flag.SpiError;
  return flags;
}
