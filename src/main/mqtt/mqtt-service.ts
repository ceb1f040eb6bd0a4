import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Reading, SourceKind } from '../../shared/contract';
import type { MqttConfig, MqttState, RemoteNode } from '../../shared/mqtt-schema';
import { MqttLink } from './mqtt-link';
import { MqttPublisher } from './mqtt-publisher';
import { RemoteNodes } from './remote-nodes';
import { HA_STATUS_TOPIC, nodeNameOf, nodeTopics, othersFilters, parseNodeTopic } from './topics';

/** How often the lifetime energy is read from storage and sent if it moved. */
const ENERGY_INTERVAL_MS = 60_000;

export interface MqttServiceOptions {
  version: string;
  lifetimeWh: () => number;
  /** The state or the other boxes changed: the screen should hear of it. */
  onChange: () => void;
  log: (line: string) => void;
  now?: () => number;
  backoff?: { initialMs: number; maxMs: number };
  energyIntervalMs?: number;
}

interface Running {
  config: MqttConfig;
  link: MqttLink;
  publisher: MqttPublisher;
  others: RemoteNodes;
  timers: NodeJS.Timeout[];
}

/** The config that needs a new connection when it changes (everything but showOthers). */
const connectionKey = (c: MqttConfig): string => JSON.stringify({ ...c, showOthers: undefined });

/**
 * MQTT for the core: off, or one link with its publisher and its view of the other
 * boxes. Settings apply without restart: a changed broker, name or interval makes a
 * new connection; the old one says `offline` as it goes.
 */
export class MqttService {
  private running: Running | null = null;
  private current: MqttState = { kind: 'off' };
  private source: { kind: SourceKind; failing: boolean } | null = null;
  private readonly now: () => number;

  constructor(private readonly o: MqttServiceOptions) {
    this.now = o.now ?? Date.now;
  }

  state(): MqttState {
    return this.current;
  }

  others(): RemoteNode[] {
    return this.running?.config.showOthers ? this.running.others.list() : [];
  }

  noteReading(r: Reading): void {
    this.running?.publisher.noteReading(r);
  }

  noteSource(kind: SourceKind, failing: boolean): void {
    this.source = { kind, failing };
    this.running?.publisher.noteSource(kind, failing);
  }

  async apply(config: MqttConfig): Promise<void> {
    if (this.running && config.enabled && connectionKey(this.running.config) === connectionKey(config)) {
      this.running.config = config;
      this.o.onChange();
      return;
    }
    await this.stop();
    if (config.enabled) this.start(config);
  }

  async stop(): Promise<void> {
    const r = this.running;
    this.running = null;
    if (!r) return;
    for (const t of r.timers) clearInterval(t);
    await r.link.stop({ topic: nodeTopics(r.config.topicPrefix, this.nodeOf(r.config)).status, payload: 'offline' });
    this.setState({ kind: 'off' });
  }

  private nodeOf(c: MqttConfig): string {
    return c.node ?? nodeNameOf(hostname());
  }

  private start(config: MqttConfig): void {
    const node = this.nodeOf(config);
    const topics = nodeTopics(config.topicPrefix, node);
    let ca: Buffer | undefined;
    if (config.caFile) {
      try {
        ca = readFileSync(config.caFile);
      } catch (e) {
        this.setState({ kind: 'retrying', broker: config.url, reason: `cannot read caFile ${config.caFile}: ${(e as Error).message}`, retryAt: this.now() + 60_000 });
        return;
      }
    }
    const others = new RemoteNodes(node, Math.max(30_000, 3 * config.powerIntervalS * 1000), this.now);
    let publisher: MqttPublisher | null = null;
    const link = new MqttLink({
      url: config.url,
      username: config.username,
      password: config.password,
      ca,
      clientId: `corcypower-${node}`,
      node,
      will: { topic: topics.status, payload: 'offline' },
      subscriptions: [HA_STATUS_TOPIC, ...othersFilters(config.topicPrefix)],
      onConnect: () => publisher?.onConnect(),
      onMessage: (topic, payload) => {
        // Home Assistant restarted: it wants discovery again (its birth message).
        if (topic === HA_STATUS_TOPIC) {
          if (payload === 'online') publisher?.publishDiscovery();
          return;
        }
        const at = parseNodeTopic(config.topicPrefix, topic);
        if (at && others.note(at.node, at.leaf, payload) && this.running?.config.showOthers) this.o.onChange();
      },
      onState: (s) => this.setState(s),
      ...(this.o.backoff ? { backoff: this.o.backoff } : {}),
      now: this.now,
    });
    publisher = new MqttPublisher({ link, node, topics, version: this.o.version, lifetimeWh: () => this.o.lifetimeWh() });
    if (this.source) publisher.noteSource(this.source.kind, this.source.failing);
    const timers = [
      setInterval(() => publisher.publishPower(), config.powerIntervalS * 1000),
      setInterval(() => publisher.publishEnergy(), this.o.energyIntervalMs ?? ENERGY_INTERVAL_MS),
    ];
    for (const t of timers) t.unref();
    this.running = { config, link, publisher, others, timers };
    link.start();
  }

  private setState(s: MqttState): void {
    const was = this.current;
    this.current = s;
    if (s.kind !== was.kind || (s.kind === 'retrying' && was.kind === 'retrying' && s.reason !== was.reason)) {
      this.o.log(`mqtt: ${s.kind}${s.kind === 'retrying' ? ` (${s.reason})` : ''}`);
    }
    this.o.onChange();
  }
}
