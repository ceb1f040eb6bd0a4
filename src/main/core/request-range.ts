import { type Instant, type TimeRange, rangeOf } from '../../shared/instant';
import { InvalidRequestError } from './dispatch';

/** A request's from/to as instants in the configured zone, or an invalid_request naming the field. */
export function requestRange(q: { from: Instant; to: Instant }, timeZone: string, maxMs: number): TimeRange {
  const r = rangeOf(q, timeZone, maxMs);
  if (!r.ok) throw new InvalidRequestError(r.field, r.message);
  return r.range;
}
