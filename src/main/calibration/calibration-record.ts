import type { CalibrationRecord, LoadPoint, NoiseFloor } from '../../shared/calibration-schema';
import { floorOf } from '../acquisition/calibration';
import { ampsPerCountFrom, knownAmps } from './calibration-maths';

// How each saved measurement changes a calibration record. Pure: the service
// reads the file, applies one of these, keeps what it replaced, and writes.

/** Known loads given in watts follow the mains voltage; ampsPerCount is fitted again to every point over the floor in force. */
function refit(r: CalibrationRecord): CalibrationRecord {
  if (!r.points?.length) return r;
  const points = r.points.map((p) => ({ ...p, amps: knownAmps(p.known, r.volts) }));
  return { ...r, points, ampsPerCount: ampsPerCountFrom(points, floorOf(r).meanSquare) };
}

export function withFloor(r: CalibrationRecord, floor: NoiseFloor): CalibrationRecord {
  return refit({ ...r, floor });
}

export function withLoad(r: CalibrationRecord, point: Omit<LoadPoint, 'amps'>, keepPoints: boolean): CalibrationRecord {
  const p: LoadPoint = { ...point, amps: knownAmps(point.known, r.volts) };
  // The most recent eight: a wizard run adds one or a few.
  const points = keepPoints ? [...(r.points ?? []), p].slice(-8) : [p];
  return refit({ ...r, points, ampsMeasuredAt: point.measuredAt });
}

export function withVolts(r: CalibrationRecord, volts: number, measuredAt: string): CalibrationRecord {
  return refit({ ...r, volts, voltsMeasuredAt: measuredAt });
}
