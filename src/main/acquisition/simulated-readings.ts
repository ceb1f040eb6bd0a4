import type { Reading } from '../../shared/contract';
import type { Config } from '../config/config-schema';
import { healthFlags } from './health';
import { MCP3008_MAX_COUNT } from './mcp3008-protocol';
import { gaussian, hashUnit, mulberry32 } from './prng';
import { type ReadingSettings, readingFromStats, toReading } from './reading';
import { simulatedCurrent } from './simulated-source';
import { CREST_FACTOR, type WaveformOptions, synthesizeWindow } from './waveform';
import type { WindowStats } from './window-stats';

// Readings of the simulated house for any instant, for the backfill. Two ways:
// 'waveform' synthesises every sample as the live simulator does (1000 per window:
// a year takes hours); 'statistics' draws the window's statistics straight from
// the load profile (the rms the waveform would give, its noise, its peaks), two
// orders of magnitude faster. Both end in the same reading code.

export type SimulationFidelity = 'statistics' | 'waveform';

const NOISE_COUNTS = 0.6;

export interface SimulatedReadingMaker {
  (windowEnd: number): Reading;
}

export function simulatedReadings(config: Config, fidelity: SimulationFidelity): SimulatedReadingMaker {
  const s = config.source;
  const settings: ReadingSettings = {
    channel: s.channel,
    calibration: config.calibration,
    health: { midScale: config.health.midScale, maxDrift: config.health.maxDriftCounts },
  };
  const wave: WaveformOptions = { mainsHz: s.mainsHz, midScale: config.health.midScale, ampsPerCount: config.calibration.ampsPerCount, noiseCounts: NOISE_COUNTS };
  const current = (t: number): number => simulatedCurrent(t, s.seed, config.calibration.volts);
  if (fidelity === 'waveform') {
    const out = new Uint16Array(s.samplesPerWindow);
    return (end) => toReading({ samples: synthesizeWindow(out, end - s.windowMs, s.windowMs, current, s.seed, wave), lost: 0 }, end, settings);
  }
  return (end) => {
    const rand = mulberry32(hashUnit(s.seed, end) * 4294967296);
    const signal = current(end - s.windowMs / 2) / wave.ampsPerCount;
    const rms = Math.sqrt(signal * signal + NOISE_COUNTS * NOISE_COUNTS) * (1 + 0.002 * gaussian(rand));
    const mean = wave.midScale + (NOISE_COUNTS / Math.sqrt(s.samplesPerWindow)) * gaussian(rand);
    const swing = signal * CREST_FACTOR + 3 * NOISE_COUNTS;
    const clamp = (x: number): number => Math.min(MCP3008_MAX_COUNT, Math.max(0, Math.round(x)));
    const stats: WindowStats = { n: s.samplesPerWindow, mean, min: clamp(mean - swing), max: clamp(mean + swing), rms };
    return readingFromStats(stats, end, healthFlags(stats, 0, settings.health), settings);
  };
}

/** Seeded outages (a breaker, a Pi unplugged): about one day in thirty loses 5 to 60 minutes. */
export function inSimulatedOutage(t: number, seed: number): boolean {
  const day = Math.floor(t / 86_400_000);
  if (hashUnit(seed, day, 30) >= 1 / 30) return false;
  const start = day * 86_400_000 + hashUnit(seed, day, 31) * 80_000_000;
  const length = (5 + 55 * hashUnit(seed, day, 32)) * 60_000;
  return t >= start && t < start + length;
}
