import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MqttClient, connectAsync } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Reading } from '../../../src/shared/contract';
import { type MqttConfig, MqttConfigSchema, type MqttState } from '../../../src/shared/mqtt-schema';
import { Flag } from '../../../src/shared/flags';
import { MqttService } from '../../../src/main/mqtt/mqtt-service';
import { houseTotalW } from '../../../src/shared/house-total';
import { type Broker, startBroker } from '../../helpers/mosquitto';
import { until } from '../../helpers/until';
import { holding } from '../../helpers/matchers';
import { parseJson } from '../../helpers/typed-json';

/** A Home Assistant discovery message, as far as the test reads it. */
type DiscoveryConfig = Record<string, unknown> & { device: { identifiers: string[] } };

let broker: Broker;
let brokerDir: string;
beforeAll(async () => {
  // Kept for the whole file: the broker is restarted from its config mid-test.
  brokerDir = mkdtempSync(join(tmpdir(), 'corcy-mosquitto-'));
  broker = await startBroker(brokerDir);
});
afterAll(async () => {
  await broker.stop();
  rmSync(brokerDir, { recursive: true, force: true });
});

const services: MqttService[] = [];
const observers: MqttClient[] = [];
afterEach(async () => {
  for (const s of services.splice(0)) await s.stop();
  for (const c of observers.splice(0)) await c.endAsync(true);
  if (!(await isUp())) await broker.restart();
});
const isUp = async (): Promise<boolean> => {
  try {
    const c = await connectAsync(broker.url, { username: broker.user, password: broker.password, reconnectPeriod: 0, connectTimeout: 1000 });
    await c.endAsync(true);
    return true;
  } catch {
    return false;
  }
};

/** Every message seen on the broker, the last per topic and all in order. */
async function observe(...filters: string[]) {
  const client = await connectAsync(broker.url, { username: broker.user, password: broker.password, reconnectPeriod: 200 });
  observers.push(client);
  const seen: { topic: string; payload: string; retain: boolean }[] = [];
  client.on('message', (topic, payload, packet) => seen.push({ topic, payload: payload.toString(), retain: packet.retain }));
  client.on('connect', () => void client.subscribeAsync(filters));
  await client.subscribeAsync(filters);
  const last = (topic: string) => seen.filter((m) => m.topic === topic).at(-1)?.payload;
  return { client, seen, last };
}

const config = (over: Partial<MqttConfig> = {}): MqttConfig =>
  MqttConfigSchema.parse({ enabled: true, url: broker.url, username: broker.user, password: broker.password, node: 'hall', powerIntervalS: 0.5, ...over });

function service(energyWh: { value: number }, over: { backoff?: { initialMs: number; maxMs: number } } = {}) {
  const states: MqttState[] = [];
  /** The delay each retrying state plans, as it is announced. */
  const plannedMs: number[] = [];
  const s: MqttService = new MqttService({
    version: '9.9.9',
    lifetimeWh: () => energyWh.value,
    onChange: () => {
      const state = s.state();
      if (state.kind === 'retrying' && states.at(-1) !== state) plannedMs.push(state.retryAt - Date.now());
      states.push(state);
    },
    log: () => undefined,
    energyIntervalMs: 200,
    backoff: over.backoff ?? { initialMs: 100, maxMs: 400 },
  });
  services.push(s);
  return { s, states, plannedMs };
}

const reading = (t: number, powerW: number, flags = 0): Reading => ({ t, channel: 0, mean: 511.5, min: 300, max: 700, rms: powerW / 64, currentA: powerW / 237, powerW, flags });

describe('MqttService against a real Mosquitto', () => {
  it('publishes Home Assistant discovery, availability, power, current, energy and health as specified', async () => {
    const obs = await observe('homeassistant/#', 'corcypower/#');
    const energy = { value: 12_345.6 };
    const { s } = service(energy);
    s.noteSource('simulated', false);
    await s.apply(config());
    await until(() => s.state().kind === 'connected', 10_000);
    s.noteReading(reading(1000, 1234.4, Flag.ClipHigh));
    await until(() => obs.last('corcypower/hall/power') === '1234' && obs.last('corcypower/hall/energy') !== undefined, 10_000);
    expect(obs.last('corcypower/hall/status')).toBe('online');
    expect(obs.last('corcypower/hall/current')).toBe((1234.4 / 237).toFixed(3));
    expect(obs.last('corcypower/hall/energy')).toBe('12.346');
    expect(obs.last('corcypower/hall/health')).toBe('clipping');
    expect(obs.last('corcypower/hall/source')).toBe('simulated');

    const configs = new Map(obs.seen.filter((m) => m.topic.startsWith('homeassistant/sensor/')).map((m) => [m.topic, parseJson<DiscoveryConfig>(m.payload)]));
    expect([...configs.keys()].sort()).toEqual(['current', 'energy', 'health', 'power', 'source'].map((o) => `homeassistant/sensor/corcypower_hall/${o}/config`));
    const power = configs.get('homeassistant/sensor/corcypower_hall/power/config');
    expect(power).toMatchObject({
      state_topic: 'corcypower/hall/power',
      device_class: 'power',
      state_class: 'measurement',
      unit_of_measurement: 'W',
      unique_id: 'corcypower_hall_power',
    });
    const kwh = configs.get('homeassistant/sensor/corcypower_hall/energy/config');
    expect(kwh).toMatchObject({ state_topic: 'corcypower/hall/energy', device_class: 'energy', state_class: 'total_increasing', unit_of_measurement: 'kWh' });
    expect(configs.get('homeassistant/sensor/corcypower_hall/current/config')).toMatchObject({ device_class: 'current', unit_of_measurement: 'A', state_class: 'measurement' });
    expect(configs.get('homeassistant/sensor/corcypower_hall/health/config')).toMatchObject({ device_class: 'enum', options: holding(['ok', 'clipping']) });
    for (const c of configs.values()) {
      expect(c).toMatchObject({ availability_topic: 'corcypower/hall/status', payload_available: 'online', payload_not_available: 'offline' });
      expect(c.device).toEqual(power?.device);
      expect(c.device.identifiers).toEqual(['corcypower_hall']);
    }
    // Retained, so that Home Assistant finds them whenever it starts: a late subscriber gets them all.
    const late = await observe('homeassistant/sensor/corcypower_hall/+/config', 'corcypower/hall/energy', 'corcypower/hall/status');
    await until(() => late.seen.length >= 7, 5000);
    expect(late.seen.every((m) => m.retain)).toBe(true);
  });

  it('sends discovery again when Home Assistant announces itself online', async () => {
    const obs = await observe('homeassistant/sensor/#');
    const { s } = service({ value: 0 });
    await s.apply(config());
    await until(() => obs.seen.length >= 5, 10_000);
    const before = obs.seen.length;
    await obs.client.publishAsync('homeassistant/status', 'online');
    await until(() => obs.seen.length >= before + 5, 5000);
  });

  it('says the broker refused the credentials, and keeps retrying with a growing delay', async () => {
    const { s, states, plannedMs } = service({ value: 0 });
    await s.apply(config({ password: 'wrong-password' }));
    await until(() => plannedMs.length >= 4, 10_000);
    // 100, 200, 400, 400 ms (the test's backoff), within the ms the announcement took.
    expect(plannedMs.slice(0, 4).map((ms) => Math.round(ms / 100) * 100)).toEqual([100, 200, 400, 400]);
    const retries = states.filter((x): x is Extract<MqttState, { kind: 'retrying' }> => x.kind === 'retrying');
    expect(retries[0]!.reason).toBe('the broker refused the user name or password');
    expect(JSON.stringify(states)).not.toContain('wrong-password');
  });

  it('connects over TLS with the broker CA, and says why not without it', async () => {
    const ok = service({ value: 0 });
    await ok.s.apply(config({ url: broker.tlsUrl, caFile: broker.caFile }));
    await until(() => ok.s.state().kind === 'connected', 10_000);
    const untrusted = service({ value: 0 });
    await untrusted.s.apply(config({ url: broker.tlsUrl, node: 'other' }));
    await until(() => untrusted.s.state().kind === 'retrying', 10_000);
    expect((untrusted.s.state() as { reason: string }).reason).toMatch(/TLS certificate is not trusted/);
  });

  it('survives the broker dying: retrying, then online again, the energy counter never lower', async () => {
    const obs = await observe('corcypower/hall/#');
    const energy = { value: 5000 };
    const { s, states } = service(energy);
    await s.apply(config());
    await until(() => obs.last('corcypower/hall/energy') === '5.000', 10_000);
    await broker.kill();
    await until(() => s.state().kind === 'retrying', 10_000);
    // While it is down the counter moves on, and a fault in the store reads it lower once: never sent.
    energy.value = 4000;
    await new Promise<void>((r) => setImmediate(r));
    energy.value = 5600;
    await broker.restart();
    await until(() => s.state().kind === 'connected', 15_000);
    await until(() => obs.last('corcypower/hall/energy') === '5.600' && obs.last('corcypower/hall/status') === 'online', 15_000);
    const sent = obs.seen.filter((m) => m.topic === 'corcypower/hall/energy').map((m) => Number(m.payload));
    expect(sent).toEqual([...sent].sort((a, b) => a - b));
    expect(states.map((x) => x.kind)).toEqual(holding(['connecting', 'connected', 'retrying']));
  });

  it('shows another box beside this one and in the house total, stale once it goes offline', async () => {
    const house = service({ value: 0 });
    const garage = service({ value: 0 });
    // A prefix of their own: boxes of other tests left their retained `offline` behind.
    await house.s.apply(config({ node: 'house', showOthers: true, topicPrefix: 'twoboxes' }));
    await garage.s.apply(config({ node: 'garage', topicPrefix: 'twoboxes' }));
    garage.s.noteReading(reading(1, 800));
    await until(() => house.s.others().some((n) => n.node === 'garage' && n.powerW === 800 && !n.stale), 10_000);
    expect(houseTotalW(450, house.s.others())).toEqual({ totalW: 1250, staleNodes: 0 });
    await garage.s.stop();
    await until(() => house.s.others().some((n) => n.node === 'garage' && n.stale), 10_000);
    expect(houseTotalW(450, house.s.others())).toEqual({ totalW: 450, staleNodes: 1 });
    // Off by default: the same box without the setting lists nobody.
    await house.s.apply(config({ node: 'house', showOthers: false, topicPrefix: 'twoboxes' }));
    expect(house.s.others()).toEqual([]);
  });
});
