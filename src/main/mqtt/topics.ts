/**
 * Where a box publishes: everything under `<prefix>/<node>/`, so that one
 * subscription (`<prefix>/+/power`) finds every box on the broker.
 */
export interface NodeTopics {
  power: string;
  current: string;
  energy: string;
  health: string;
  source: string;
  /** Availability: `online` on connect, `offline` as the retained last will. */
  status: string;
}

export function nodeTopics(prefix: string, node: string): NodeTopics {
  const at = (leaf: string): string => `${prefix}/${node}/${leaf}`;
  return { power: at('power'), current: at('current'), energy: at('energy'), health: at('health'), source: at('source'), status: at('status') };
}

/** Subscriptions that find the other boxes: their power and their availability. */
export const othersFilters = (prefix: string): string[] => [`${prefix}/+/power`, `${prefix}/+/status`];

/** The node and the leaf of a topic under `prefix`, or null for anything else. */
export function parseNodeTopic(prefix: string, topic: string): { node: string; leaf: string } | null {
  const parts = topic.split('/');
  if (parts.length !== 3 || parts[0] !== prefix || !parts[1] || !parts[2]) return null;
  return { node: parts[1], leaf: parts[2] };
}

/** A topic level from a host name: lower case, and only what a level may hold. */
export function nodeNameOf(hostname: string): string {
  const slug = hostname
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
  return slug || 'corcypower';
}

/**
 * Home Assistant's discovery topic: `<discovery_prefix>/<component>/[<node_id>/]<object_id>/config`
 * (home-assistant.io/integrations/mqtt, "Discovery topic"), with the default prefix.
 */
const HA_DISCOVERY_PREFIX = 'homeassistant';
/** Home Assistant announces itself here (its birth message, `online`), and then wants discovery again. */
export const HA_STATUS_TOPIC = `${HA_DISCOVERY_PREFIX}/status`;

export const discoveryTopic = (component: 'sensor', nodeId: string, objectId: string): string => `${HA_DISCOVERY_PREFIX}/${component}/${nodeId}/${objectId}/config`;
