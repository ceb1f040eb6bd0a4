// Health flags of one reading, stored as a bitmask (one small integer per row).
export const Flag = {
  /** Mean drifted from mid-scale: sensor unplugged or board fault. */
  Drift: 1,
  /** At least one sample at count 0. */
  ClipLow: 2,
  /** At least one sample at count 1023 (above ~50 A, or a loose board). */
  ClipHigh: 4,
  /** Some conversions in the window came back untouched by the bus. */
  SpiError: 8,
} as const;

export type FlagName = keyof typeof Flag;
const FLAG_NAMES = Object.keys(Flag) as FlagName[];
export const ALL_FLAGS = FLAG_NAMES.reduce((m, n) => m | Flag[n], 0);

export function flagNames(mask: number): FlagName[] {
  return FLAG_NAMES.filter((n) => (mask & Flag[n]) !== 0);
}
