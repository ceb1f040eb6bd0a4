import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Status } from '../../shared/contract';
import type { EventHub } from '../core/event-hub';
import type { Config } from '../config/config-schema';
import { MqttService } from './mqtt-service';
import { keepOwnerOnly } from './mqtt-settings';

/** The app's version for Home Assistant's device card, from the package it ships in. */
function appVersion(): string {
  for (const dir of [join(__dirname, '..', '..'), process.cwd()]) {
    try {
      return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      // Not there: try the next place.
    }
  }
  return 'unknown';
}

export interface CoreMqttOptions {
  hub: EventHub;
  config: Config;
  configPath: string;
  lifetimeWh: () => number;
  /** The status as the screen sees it, to push when the broker link or the other boxes change. */
  status: () => Status;
  log: (line: string) => void;
}

/**
 * MQTT beside the core, fed from the same live events the screens get, so that
 * acquisition and storage never call it and never wait for it.
 */
export function createCoreMqtt(options: CoreMqttOptions): { service: MqttService; statusFields: () => Pick<Status, 'mqtt' | 'others'> } {
  keepOwnerOnly(options.configPath, options.config, options.log);
  const service = new MqttService({
    version: appVersion(),
    lifetimeWh: options.lifetimeWh,
    onChange: () => options.hub.publish({ type: 'status', status: options.status() }),
    log: options.log,
  });
  options.hub.subscribe((event) => {
    if (event.type === 'reading') service.noteReading(event.reading);
    else service.noteSource(event.status.source, event.status.state.kind === 'error');
  });
  return {
    service,
    statusFields: () => {
      const state = service.state();
      const others = service.others();
      return { ...(state.kind !== 'off' ? { mqtt: state } : {}), ...(others.length > 0 ? { others } : {}) };
    },
  };
}
