import { type Brightness, minuteOfDay } from '../../shared/settings-schema';
import { inSlots } from '../billing/day-plan';

/**
 * The backlight level wanted at a local minute of the day: dim at night, full
 * for a while after a touch. Pure, so the schedule is tested without a screen.
 */
export function brightnessAt(minute: number, b: Brightness, touchedRecently: boolean): number {
  if (touchedRecently) return b.dayLevel;
  if (minuteOfDay(b.dimFrom) === minuteOfDay(b.dimTo)) return b.dayLevel;
  return inSlots(minute, [{ from: b.dimFrom, to: b.dimTo }]) ? b.dimLevel : b.dayLevel;
}
