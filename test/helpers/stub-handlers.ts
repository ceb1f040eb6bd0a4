import type { Handlers } from '../../src/main/core/dispatch';

type Kiosk = Omit<Handlers, 'getStatus' | 'getRecent'>;

/** Handlers a test does not exercise: calling one is a test bug, said loudly. */
export function unusedHandlers(): Kiosk {
  const fail = (op: string) => () => {
    throw new Error(`${op} not expected in this test`);
  };
  return {
    getHistory: fail('getHistory'),
    getEnergy: fail('getEnergy'),
    getSettings: fail('getSettings'),
    validateSettings: fail('validateSettings'),
    saveSettings: fail('saveSettings'),
    checkPin: fail('checkPin'),
    getCost: fail('getCost'),
    getDailyCost: fail('getDailyCost'),
    startExport: fail('startExport'),
    getExport: fail('getExport'),
    ejectMedia: fail('ejectMedia'),
    wakeScreen: fail('wakeScreen'),
    getTempoDays: fail('getTempoDays'),
    setTempoColour: fail('setTempoColour'),
    getMqttSettings: fail('getMqttSettings'),
    saveMqttSettings: fail('saveMqttSettings'),
    getCalibration: fail('getCalibration'),
    recordCalibration: fail('recordCalibration'),
    saveCalibration: fail('saveCalibration'),
    restoreCalibration: fail('restoreCalibration'),
  };
}
