import { hashUnit } from './prng';

// A household's draw as a pure function of time and seed, so that the simulator,
// the backfill and the tests agree on the true power at any instant.

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** France without DST is close enough to place breakfast and dinner. */
const LOCAL_OFFSET = HOUR;

export interface LoadBreakdown {
  base: number;
  lights: number;
  fridge: number;
  kettle: number;
  oven: number;
  total: number;
}

function inWindow(t: number, start: number, length: number): boolean {
  return t >= start && t < start + length;
}

export function loadAt(tMs: number, seed: number): LoadBreakdown {
  const local = tMs + LOCAL_OFFSET;
  const day = Math.floor(local / DAY);
  const tod = local - day * DAY;
  const hour = tod / HOUR;

  // Always-on devices, with a slow wobble so that the base is not a flat line.
  const base = 160 + 25 * Math.sin((2 * Math.PI * tod) / (6 * HOUR) + seed);
  const lights = hour >= 18 && hour < 23.5 ? 220 : hour >= 6.5 && hour < 8 ? 120 : 0;

  // Fridge: compressor on for 14 of every 47 minutes, with a seeded phase.
  const fridgePeriod = 47 * MIN;
  const fridgePhase = hashUnit(seed, 1) * fridgePeriod;
  const fridge = (tMs + fridgePhase) % fridgePeriod < 14 * MIN ? 110 : 0;

  // Kettle: 2 kW for 3 minutes at breakfast and at tea time, times drawn per day.
  let kettle = 0;
  const slots = [7 * HOUR, 16.5 * HOUR];
  for (let k = 0; k < slots.length; k++) {
    const start = slots[k]! + hashUnit(seed, day, 10 + k) * HOUR;
    if (inWindow(tod, start, 3 * MIN)) kettle = 2000;
  }

  // Oven: its thermostat cycles 2.4 kW on 6 minutes, off 4, through dinner on most days.
  let oven = 0;
  if (hashUnit(seed, day, 20) < 0.7) {
    const start = 18.75 * HOUR + hashUnit(seed, day, 21) * HOUR;
    if (inWindow(tod, start, 50 * MIN) && (tod - start) % (10 * MIN) < 6 * MIN) oven = 2400;
  }

  return { base, lights, fridge, kettle, oven, total: base + lights + fridge + kettle + oven };
}
