import type { Status } from '../../shared/contract';
import type { Config } from '../config/config-schema';

/** What the screen needs of the config to draw itself, sent with every status. */
export function displayStatus(config: Config): Status['display'] {
  return {
    gaugeMaxW: config.display.gaugeMaxW,
    liveMinutes: config.display.liveMinutes,
    timeZone: config.timeZone,
    language: config.language,
    subscribedVa: config.subscribedKva * 1000,
  };
}
