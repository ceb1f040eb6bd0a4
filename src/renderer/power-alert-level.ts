/** From this share of the subscribed power the screen warns: a kettle on top may trip the breaker. */
const NEAR_FRACTION = 0.9;

export type AlertLevel = 'none' | 'near' | 'over';

export function alertLevel(watts: number | null, subscribedVa: number): AlertLevel {
  if (watts === null) return 'none';
  if (watts > subscribedVa) return 'over';
  return watts >= NEAR_FRACTION * subscribedVa ? 'near' : 'none';
}
