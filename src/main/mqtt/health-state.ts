import { Flag } from '../../shared/flags';

/**
 * One word for the sensor's health, worst first, as Home Assistant's enum sensor
 * wants a fixed set of states: the source's own error beats any flag of a reading.
 */
export const HEALTH_STATES = ['ok', 'drift', 'clipping', 'bus-error', 'sensor-error', 'no-reading'] as const;
export type HealthState = (typeof HEALTH_STATES)[number];

export function healthState(flags: number | null, sourceFailing: boolean): HealthState {
  if (sourceFailing) return 'sensor-error';
  if (flags === null) return 'no-reading';
  if (flags & Flag.SpiError) return 'bus-error';
  if (flags & (Flag.ClipLow | Flag.ClipHigh)) return 'clipping';
  if (flags & Flag.Drift) return 'drift';
  return 'ok';
}
