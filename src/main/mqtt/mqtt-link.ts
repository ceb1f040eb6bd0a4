import { type IClientOptions, type MqttClient, connect } from 'mqtt';
import type { MqttState } from '../../shared/mqtt-schema';

export interface LinkOptions {
  url: string;
  username?: string | undefined;
  password?: string | undefined;
  /** PEM of a CA to trust for mqtts://. */
  ca?: Buffer | undefined;
  clientId: string;
  /** This box's name on the broker, for the status line. */
  node: string;
  /** Published by the broker when this box vanishes (retained), e.g. status `offline`. */
  will: { topic: string; payload: string };
  subscriptions: string[];
  /** Each time a connection is made: the place to (re)publish what a fresh subscriber needs. */
  onConnect: () => void;
  onMessage: (topic: string, payload: string) => void;
  onState: (state: MqttState) => void;
  backoff?: { initialMs: number; maxMs: number };
  now?: () => number;
}

const DEFAULT_BACKOFF = { initialMs: 1000, maxMs: 60_000 };

/** The URL as the screen shows it: no credentials, even if someone put them in it. */
const brokerLabel = (url: string): string => url.replace(/\/\/[^@/]*@/, '//');

/** A refusal or socket error in words the status line can show. */
function reasonOf(err: Error & { code?: string | number }): string {
  // Mosquitto answers a wrong password with 5 (not authorized), others with 4.
  if ([4, 5, 134, 135].includes(err.code as number)) return 'the broker refused the user name or password';
  if (err.code === 'ECONNREFUSED') return 'nothing listens at that address (is the broker running?)';
  if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') return 'unknown host name';
  if (typeof err.code === 'string' && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(err.code)) return `the broker's TLS certificate is not trusted (${err.code}): set caFile`;
  return err.message;
}

/**
 * One connection to the broker, kept up forever with a doubling backoff (mqtt.js's
 * own reconnect has a fixed period, so it is off and the delay is ours). Publishing
 * is fire-and-forget: while disconnected a publish is dropped, never queued, so a
 * broker that is down costs acquisition nothing and memory stays bounded; what
 * matters is published again by onConnect.
 */
export class MqttLink {
  private client: MqttClient | null = null;
  private timer: NodeJS.Timeout | null = null;
  private delay: number;
  private lastError: string | null = null;
  private stopped = false;
  private readonly backoff: { initialMs: number; maxMs: number };
  private readonly now: () => number;

  constructor(private readonly o: LinkOptions) {
    this.backoff = o.backoff ?? DEFAULT_BACKOFF;
    this.delay = this.backoff.initialMs;
    this.now = o.now ?? Date.now;
  }

  get connected(): boolean {
    return this.client?.connected === true;
  }

  start(): void {
    const options: IClientOptions = {
      clientId: this.o.clientId,
      ...(this.o.username !== undefined ? { username: this.o.username } : {}),
      ...(this.o.password !== undefined ? { password: this.o.password } : {}),
      ...(this.o.ca ? { ca: this.o.ca } : {}),
      will: { topic: this.o.will.topic, payload: Buffer.from(this.o.will.payload), qos: 1, retain: true },
      reconnectPeriod: 0,
      connectTimeout: 10_000,
      // Nothing waits for a connection: what is not sent now is stale by the next one.
      queueQoSZero: false,
      clean: true,
    };
    this.o.onState({ kind: 'connecting', broker: brokerLabel(this.o.url) });
    const client = connect(this.o.url, options);
    this.client = client;
    client.on('connect', () => {
      this.delay = this.backoff.initialMs;
      this.lastError = null;
      this.o.onState({ kind: 'connected', broker: brokerLabel(this.o.url), node: this.o.node });
      if (this.o.subscriptions.length > 0) client.subscribe(this.o.subscriptions, { qos: 0 });
      this.o.onConnect();
    });
    client.on('message', (topic, payload) => this.o.onMessage(topic, payload.toString('utf8')));
    client.on('error', (err) => {
      this.lastError = reasonOf(err);
    });
    client.on('close', () => this.scheduleRetry());
  }

  publish(topic: string, payload: string, opts: { retain?: boolean; qos?: 0 | 1 } = {}): boolean {
    const client = this.client;
    if (!client?.connected) return false;
    client.publish(topic, payload, { qos: opts.qos ?? 0, retain: opts.retain ?? false });
    return true;
  }

  /** Ends the connection; `farewell` is published first (a clean disconnect sends no will). */
  async stop(farewell?: { topic: string; payload: string }): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const client = this.client;
    this.client = null;
    if (!client) return;
    if (farewell && client.connected) {
      await new Promise<void>((resolve) => client.publish(farewell.topic, farewell.payload, { qos: 1, retain: true }, () => resolve()));
    }
    await client.endAsync(true).catch(() => undefined);
    this.o.onState({ kind: 'off' });
  }

  private scheduleRetry(): void {
    if (this.stopped || this.timer) return;
    const delay = this.delay;
    this.delay = Math.min(this.delay * 2, this.backoff.maxMs);
    this.o.onState({ kind: 'retrying', broker: brokerLabel(this.o.url), reason: this.lastError ?? 'the connection closed', retryAt: this.now() + delay });
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.stopped) this.client?.reconnect();
    }, delay);
    this.timer.unref();
  }
}
