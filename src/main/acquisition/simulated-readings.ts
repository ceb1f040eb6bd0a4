import type { Config } from '../config/config-schema';
import { type HealthLimits, healthFlags } from './health';
import { MCP3008_MAX_COUNT } from './mcp3008-protocol';
import { gaussian, hashUnit, mulberry32 } from './prng';
import { simulatedCurrent } from './simulated-source';
import { CREST_FACTOR, type WaveformOptions, synthesizeWindow } from './waveform';
import { type WindowStats, windowStats } from './window-stats';

// Window statistics of the simulated house at any instant, for the backfill. Two
// ways: 'waveform' synthesises every sample as the live simulator does (1000 per
// window: a year takes hours); 'statistics' draws the statistics straight from the
// load profile (the rms the waveform would give, its noise, its peaks), orders of
// magnitude faster. Either way the health flags come from the live code, and the
// statistics go through the same storage path as live readings.

export type SimulationFidelity = 'statistics' | 'waveform';

/** Fills `out` with the statistics of the window ending at `end`; returns its health flags. */
export type SimulatedWindow = (end: number, out: WindowStats) => number;

export function simulatedWindows(config: Config, fidelity: SimulationFidelity, streamSeed: number): SimulatedWindow {
  const s = config.source;
  const health: HealthLimits = { midScale: config.health.midScale, maxDrift: config.health.maxDriftCounts };
  const noise = s.simulator.noiseCounts;
  const wave: WaveformOptions = {
    mainsHz: s.mainsHz,
    midScale: config.health.midScale,
    ampsPerCount: s.simulator.ampsPerCount ?? config.calibration.ampsPerCount,
    noiseCounts: noise,
  };
  const current = (t: number): number => simulatedCurrent(t, s.seed, config.calibration.volts);
  if (fidelity === 'waveform') {
    const samples = new Uint16Array(s.samplesPerWindow);
    return (end, out) => {
      Object.assign(out, windowStats(synthesizeWindow(samples, end - s.windowMs, s.windowMs, current, s.seed, wave)));
      return healthFlags(out, 0, health);
    };
  }
  const rand = mulberry32(streamSeed);
  const meanNoise = noise / Math.sqrt(s.samplesPerWindow);
  const clamp = (x: number): number => Math.min(MCP3008_MAX_COUNT, Math.max(0, Math.round(x)));
  return (end, out) => {
    const signal = current(end - s.windowMs / 2) / wave.ampsPerCount;
    const rms = Math.sqrt(signal * signal + noise * noise) * (1 + 0.002 * gaussian(rand));
    const mean = wave.midScale + meanNoise * gaussian(rand);
    const swing = signal * CREST_FACTOR + 3 * noise;
    out.n = s.samplesPerWindow;
    out.mean = mean;
    out.min = clamp(mean - swing);
    out.max = clamp(mean + swing);
    out.rms = rms;
    return healthFlags(out, 0, health);
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
