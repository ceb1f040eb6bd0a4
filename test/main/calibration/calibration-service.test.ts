import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CalibrationService } from '../../../src/main/calibration/calibration-service';
import type { Config } from '../../../src/main/config/config-schema';
import { parseConfig } from '../../../src/main/config/load-config';
import { PinGate, hashPin } from '../../../src/main/config/pin';
import { useTempDir } from '../../helpers/temp-dir';
import { simulatedWindows } from '../energy/simulated-truth';
import { readJson } from '../../helpers/typed-json';

const tempDir = useTempDir();
const T0 = Date.UTC(2026, 11, 1, 9);

function service(initial: Record<string, unknown> = {}) {
  const file = join(tempDir(), 'config.json');
  writeFileSync(file, JSON.stringify(initial));
  let config: Config = parseConfig(initial, file);
  let now = T0;
  const gate = new PinGate(() => now);
  const s = new CalibrationService({
    configPath: file,
    current: () => config,
    apply: (c) => (config = c),
    checkPin: (pin) => gate.check(pin, config.pin),
    now: () => now,
  });
  /** Live readings of simulated windows, 500 ms apart, as the core feeds them. */
  const feed = (amps: number, windows: number, seed: number): void => {
    for (const w of simulatedWindows({ amps, noiseCounts: 1, windows, seed })) {
      now += 500;
      s.recorder.add({ t: now, rms: w.rms, flags: w.flags });
    }
  };
  const onDisk = (): Config => readJson<Config>(file);
  return { s, file, feed, onDisk, config: () => config };
}

describe('CalibrationService', () => {
  it('saves the floor only after a minute of idle windows, dated, keeping the rest of the file and the calibration it replaced', () => {
    const { s, feed, onDisk, config } = service({ source: { kind: 'simulated' }, calibration: { volts: 235 } });
    expect(s.record({ step: 'idle' }).ok).toBe(true);
    feed(0, 60, 1);
    expect(s.save({ save: { kind: 'floor' } })).toMatchObject({ ok: false, reason: 'not_ready' });
    feed(0, 62, 2);
    const r = s.save({ save: { kind: 'floor' } });
    expect(r.ok).toBe(true);
    const cal = onDisk().calibration;
    expect(cal.floor).toMatchObject({ windows: 122, measuredAt: new Date(T0 + 122 * 500).toISOString() });
    expect(cal.floor?.seconds).toBeCloseTo(61, 9);
    expect(cal.previous).toEqual({ ampsPerCount: 0.27, volts: 235, noiseFloorA: 0 });
    expect(onDisk().source).toEqual({ kind: 'simulated' });
    expect(config().calibration.floor?.meanSquare).toBe(cal.floor?.meanSquare);
    // Saved: the recording is over.
    expect(s.view().recording.step).toBeNull();
  });

  it('fits ampsPerCount to a known load over the floor, and again when the mains voltage is measured', () => {
    const { s, feed, onDisk } = service();
    s.record({ step: 'idle' });
    feed(0, 130, 3);
    s.save({ save: { kind: 'floor' } });
    s.record({ step: 'load' });
    feed(2000 / 237, 21, 4);
    const r = s.save({ save: { kind: 'load', known: { kind: 'watts', watts: 2000 }, keepPoints: false } });
    expect(r.ok).toBe(true);
    // simulated-truth's board: 0.27 A per count.
    expect(onDisk().calibration.ampsPerCount).toBeCloseTo(0.27, 3);
    expect(s.save({ save: { kind: 'volts', volts: 230 } }).ok).toBe(true);
    expect(onDisk().calibration.ampsPerCount).toBeCloseTo((0.27 * 237) / 230, 3);
    expect(onDisk().calibration.voltsMeasuredAt).toBe(new Date(T0 + 151 * 500).toISOString());
  });

  it('restores the previous calibration, and restoring again undoes the restore', () => {
    const { s, onDisk } = service();
    expect(s.restore({})).toMatchObject({ ok: false, reason: 'nothing_to_restore' });
    s.save({ save: { kind: 'volts', volts: 231 } });
    expect(s.restore({}).ok).toBe(true);
    expect(onDisk().calibration.volts).toBe(237);
    expect(onDisk().calibration.previous?.volts).toBe(231);
    s.restore({});
    expect(onDisk().calibration.volts).toBe(231);
  });

  it('refuses every change without the PIN, and a hand-edited file that does not validate is left as it was', () => {
    const { s, file } = service({ pin: hashPin('1357') });
    expect(s.record({ step: 'idle' })).toMatchObject({ ok: false, reason: 'pin' });
    expect(s.save({ save: { kind: 'volts', volts: 231 } })).toMatchObject({ ok: false, reason: 'pin' });
    expect(s.save({ pin: '1357', save: { kind: 'volts', volts: 231 } }).ok).toBe(true);
    const broken = '{"calibration": {"volts": "two hundred"}}';
    writeFileSync(file, broken);
    expect(s.save({ pin: '1357', save: { kind: 'volts', volts: 232 } })).toMatchObject({ ok: false, reason: 'file_invalid' });
    expect(readFileSync(file, 'utf8')).toBe(broken);
  });
});
