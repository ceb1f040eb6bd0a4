import { z } from 'zod';

/** MQTT topic levels may not hold wildcards or separators; names stay readable in Home Assistant. */
const TopicLevel = z.string().regex(/^[a-z0-9_-]{1,64}$/, 'lower-case letters, digits, - and _ (1 to 64)');

/**
 * Publishing to an MQTT broker (Home Assistant's Mosquitto add-on, or any), and
 * reading the other CorcyPower boxes on it. The password is write-only: the
 * settings screen is told whether one is set, never what it is.
 */
export const MqttConfigSchema = z
  .object({
    enabled: z.boolean().default(false),
    url: z
      .string()
      .regex(/^mqtts?:\/\/[^\s/]+(:\d+)?\/?$/, 'mqtt://host[:port] or mqtts://host[:port]')
      .default('mqtt://127.0.0.1:1883'),
    username: z.string().min(1).max(200).optional(),
    password: z.string().min(1).max(200).optional(),
    /** A CA certificate (PEM) to trust for mqtts://, for a broker with its own CA. */
    caFile: z.string().min(1).optional(),
    topicPrefix: TopicLevel.default('corcypower'),
    /** This box's name on the broker; default from the host name. */
    node: TopicLevel.optional(),
    /** How often power, current and health are published: 5 s by default, 0.5 s at the fastest. */
    powerIntervalS: z.number().min(0.5).max(3600).default(5),
    /** Show the other boxes found on the broker beside this one, and the house total. */
    showOthers: z.boolean().default(false),
  })
  .strict()
  .prefault({});
export type MqttConfig = z.infer<typeof MqttConfigSchema>;

/** What the status line says of the broker. */
export const MqttStateSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('off') }),
  z.object({ kind: z.literal('connecting'), broker: z.string() }),
  z.object({ kind: z.literal('connected'), broker: z.string(), node: z.string() }),
  z.object({ kind: z.literal('retrying'), broker: z.string(), reason: z.string(), retryAt: z.number() }),
]);
export type MqttState = z.infer<typeof MqttStateSchema>;

/** Another CorcyPower box seen on the broker. */
export const RemoteNodeSchema = z.object({
  node: z.string(),
  powerW: z.number().nullable(),
  /** When its last power arrived, epoch ms (this box's clock). */
  at: z.number().nullable(),
  /** Offline (its last will), or silent for longer than it should be. */
  stale: z.boolean(),
});
export type RemoteNode = z.infer<typeof RemoteNodeSchema>;

/** The settings screen's view: everything but the password, which it only knows is set. */
export const MqttSettingsViewSchema = z.object({
  mqtt: MqttConfigSchema.unwrap().omit({ password: true }),
  passwordSet: z.boolean(),
});
export type MqttSettingsView = z.infer<typeof MqttSettingsViewSchema>;

export const SaveMqttRequestSchema = z
  .object({
    mqtt: MqttConfigSchema.unwrap().omit({ password: true }),
    /** A new password; null removes it; absent keeps the one saved. */
    password: z.string().min(1).max(200).nullable().optional(),
    /** The settings PIN, when one is set. */
    pin: z
      .string()
      .regex(/^\d{4,8}$/, '4 to 8 digits')
      .optional(),
  })
  .strict();
export type SaveMqttRequest = z.infer<typeof SaveMqttRequestSchema>;

export const SaveMqttResponseSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), view: MqttSettingsViewSchema }),
  z.object({ ok: z.literal(false), reason: z.enum(['pin', 'file_invalid', 'write_failed']), message: z.string(), waitSeconds: z.number().int().nonnegative() }),
]);
export type SaveMqttResponse = z.infer<typeof SaveMqttResponseSchema>;
