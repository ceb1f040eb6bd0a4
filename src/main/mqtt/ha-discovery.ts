import { HEALTH_STATES } from './health-state';
import { type NodeTopics, discoveryTopic } from './topics';

export interface DiscoveryInput {
  node: string;
  topics: NodeTopics;
  version: string;
}

export interface Retained {
  topic: string;
  payload: string;
}

/**
 * Home Assistant MQTT discovery, one sensor per figure, all in one device per box.
 * Field names follow home-assistant.io/integrations/sensor.mqtt ("Configuration
 * Variables": state_topic, unique_id, device_class, state_class,
 * unit_of_measurement, suggested_display_precision, entity_category, options,
 * availability_topic, payload_available, payload_not_available, device with
 * identifiers, name, manufacturer, model, sw_version) and the device and state
 * classes of developers.home-assistant.io/docs/core/entity/sensor: power in W and
 * current in A are `measurement`; energy in kWh is `total_increasing`, which the
 * Energy dashboard (home-assistant.io/docs/energy/electricity-grid) accepts as
 * grid consumption.
 */
export function discoveryMessages({ node, topics, version }: DiscoveryInput): Retained[] {
  const nodeId = `corcypower_${node.replace(/-/g, '_')}`;
  const device = { identifiers: [nodeId], name: `CorcyPower ${node}`, manufacturer: 'CorcyPower', model: 'SCT-013-000 on MCP3008', sw_version: version };
  const common = { availability_topic: topics.status, payload_available: 'online', payload_not_available: 'offline', device };
  const sensor = (objectId: string, config: Record<string, unknown>): Retained => ({
    topic: discoveryTopic('sensor', nodeId, objectId),
    payload: JSON.stringify({ ...config, unique_id: `${nodeId}_${objectId}`, ...common }),
  });
  return [
    sensor('power', { name: 'Power', state_topic: topics.power, device_class: 'power', state_class: 'measurement', unit_of_measurement: 'W', suggested_display_precision: 0 }),
    sensor('energy', {
      name: 'Energy',
      state_topic: topics.energy,
      device_class: 'energy',
      state_class: 'total_increasing',
      unit_of_measurement: 'kWh',
      suggested_display_precision: 3,
    }),
    sensor('current', {
      name: 'Current',
      state_topic: topics.current,
      device_class: 'current',
      state_class: 'measurement',
      unit_of_measurement: 'A',
      suggested_display_precision: 2,
    }),
    sensor('health', { name: 'Sensor health', state_topic: topics.health, device_class: 'enum', options: [...HEALTH_STATES], entity_category: 'diagnostic' }),
    sensor('source', { name: 'Source', state_topic: topics.source, entity_category: 'diagnostic' }),
  ];
}
