import type { Reading, SourceKind } from '../../shared/contract';
import { discoveryMessages } from './ha-discovery';
import { healthState } from './health-state';
import type { MqttLink } from './mqtt-link';
import type { NodeTopics } from './topics';

export interface PublisherOptions {
  link: Pick<MqttLink, 'publish'>;
  node: string;
  topics: NodeTopics;
  version: string;
  /** The lifetime energy from the database's stored energy, in Wh. */
  lifetimeWh: () => number;
}

/**
 * What this box tells the broker and when. The core hands it each reading and
 * source change (O(1), no I/O); timers publish the latest, so readings never
 * wait on the network. The energy counter comes from the stored energy, so it
 * survives restarts, imports and recalibrations, and is never published lower
 * than before in this process (a database swapped under a running box would
 * otherwise make Home Assistant count a meter reset).
 */
export class MqttPublisher {
  private latest: Reading | null = null;
  private sentT: number | null = null;
  /** What the retained health and source topics hold now (null: to be sent). */
  private sentHealth: string | null = null;
  private sentSource: string | null = null;
  private source: SourceKind | null = null;
  private sourceFailing = false;
  private energyKwh: number | null = null;
  private sentEnergyKwh: number | null = null;

  constructor(private readonly o: PublisherOptions) {}

  noteReading(r: Reading): void {
    this.latest = r;
  }

  noteSource(kind: SourceKind, failing: boolean): void {
    this.source = kind;
    this.sourceFailing = failing;
  }

  /** A fresh connection: availability, discovery (retained), then the latest of everything. */
  onConnect(): void {
    this.o.link.publish(this.o.topics.status, 'online', { retain: true, qos: 1 });
    this.publishDiscovery();
    this.sentT = null;
    this.sentHealth = null;
    this.sentSource = null;
    this.publishPower();
    this.sentEnergyKwh = null;
    this.publishEnergy();
  }

  publishDiscovery(): void {
    for (const m of discoveryMessages({ node: this.o.node, topics: this.o.topics, version: this.o.version })) {
      this.o.link.publish(m.topic, m.payload, { retain: true, qos: 1 });
    }
  }

  /** Power and current when a reading came since the last time; health and source when they change (retained). */
  publishPower(): void {
    const r = this.latest;
    const t = this.o.topics;
    if (this.source && this.source !== this.sentSource && this.o.link.publish(t.source, this.source, { retain: true })) this.sentSource = this.source;
    const health = healthState(r?.flags ?? null, this.sourceFailing);
    if (health !== this.sentHealth && this.o.link.publish(t.health, health, { retain: true })) this.sentHealth = health;
    if (r === null || r.t === this.sentT) return;
    if (this.o.link.publish(t.power, String(Math.round(r.powerW)))) {
      this.o.link.publish(t.current, r.currentA.toFixed(3));
      this.sentT = r.t;
    }
  }

  /** The lifetime counter, read from storage; sent when it moved, or once after a reconnect. */
  publishEnergy(): void {
    const kwh = Math.max(this.energyKwh ?? 0, Math.round(this.o.lifetimeWh()) / 1000);
    this.energyKwh = kwh;
    if (kwh === this.sentEnergyKwh) return;
    if (this.o.link.publish(this.o.topics.energy, kwh.toFixed(3), { retain: true, qos: 1 })) this.sentEnergyKwh = kwh;
  }
}
