import { z } from 'zod';
import { MqttConfigSchema } from '../../shared/mqtt-schema';
import { CalibrationSectionSchema } from '../../shared/calibration-schema';
import { BrightnessSchema, LanguageSchema, SubscribedKvaSchema, TariffSchema, TimeZoneSchema } from '../../shared/settings-schema';

// Every field optional with a default; unknown fields are errors, because a typo
// ("volt" for "volts") silently ignored is a wrong reading for years.
export const ConfigSchema = z
  .object({
    source: z
      .object({
        /**
         * auto: the MCP3008 through spidev when /dev/spidevB.D exists and spi-device loads,
         * else the kernel's mcp3008 driver through sysfs when present, else the simulator
         * (each fallback said on screen). sysfs: always the kernel driver.
         */
        kind: z.enum(['auto', 'mcp3008', 'sysfs', 'simulated']).default('auto'),
        bus: z.number().int().min(0).max(9).default(0),
        device: z.number().int().min(0).max(9).default(0),
        channel: z.number().int().min(0).max(7).default(0),
        speedHz: z.number().int().min(10_000).max(1_350_000).default(500_000),
        samplesPerWindow: z.number().int().min(10).max(20_000).default(1000),
        windowMs: z.number().int().min(20).max(10_000).default(500),
        mainsHz: z.union([z.literal(50), z.literal(60)]).default(50),
        seed: z.number().int().default(1),
        /** The simulated source's truth, for demos and for tests that calibrate against a known floor and load. */
        simulator: z
          .object({
            /** Electronic noise, standard deviation in counts (quantisation comes on top). */
            noiseCounts: z.number().min(0).max(50).default(0.6),
            /** The board's true A per count of rms; default calibration.ampsPerCount. */
            ampsPerCount: z.number().positive().max(10).optional(),
            /**
             * A file holding a load in watts, read at every window, instead of the
             * simulated household: a test switches a known load on and off with it.
             */
            loadFile: z.string().min(1).optional(),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({})
      .refine((s) => (s.windowMs * s.mainsHz) % 1000 === 0, {
        message: 'windowMs must span a whole number of mains cycles (a multiple of 20 ms at 50 Hz)',
        path: ['windowMs'],
      }),
    /** Defaults are the old system's 237 V and 0.27 A per count until measured (settings, Calibration). */
    calibration: CalibrationSectionSchema,
    health: z
      .object({
        midScale: z.number().min(0).max(1023).default(511.5),
        maxDriftCounts: z.number().positive().max(512).default(20),
      })
      .strict()
      .prefault({}),
    display: z
      .object({
        gaugeMaxW: z.number().positive().max(100_000).default(10_000),
        liveMinutes: z.number().int().min(1).max(60).default(10),
        /** Chromium's GPU in the kiosk window: auto = off on a Pi 3 (VC4), on elsewhere. Read at start. */
        gpu: z.enum(['auto', 'off']).default('auto'),
      })
      .strict()
      .prefault({}),
    storage: z
      .object({
        /** Overrides the default $XDG_DATA_HOME/corcy-power/power.db; --db overrides both. */
        path: z.string().min(1).optional(),
        flushIntervalMs: z.number().int().min(200).max(60_000).default(2000),
        /** Raw readings older than this are deleted (a few thousand per flush); rollups are kept. */
        retentionDays: z.number().int().min(1).max(36_600).default(90),
        /** A longer interval between readings is missing time: never bridged, never energy. */
        maxGapS: z.number().min(1).max(3600).default(10),
      })
      .strict()
      .prefault({}),
    server: z
      .object({
        host: z.string().min(1).default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(8080),
        /** Required from LAN clients; when unset off loopback, one is generated into the data folder. */
        token: z.string().min(16).max(200).optional(),
      })
      .strict()
      .prefault({}),
    timeZone: TimeZoneSchema.default('Europe/Paris'),
    language: LanguageSchema.default('fr'),
    /** Puissance souscrite: the breaker trips above it, so the screen warns before. */
    subscribedKva: SubscribedKvaSchema.default(6),
    tariff: TariffSchema,
    brightness: BrightnessSchema,
    /** A salted hash of the settings PIN, never the PIN; absent means no PIN. */
    pin: z
      .object({
        algorithm: z.literal('scrypt'),
        salt: z.string().regex(/^[0-9a-f]{32}$/, '16 bytes in hex'),
        hash: z.string().regex(/^[0-9a-f]{64}$/, '32 bytes in hex'),
      })
      .strict()
      .optional(),
    /** Publishing to an MQTT broker (Home Assistant), and the other boxes on it. */
    mqtt: MqttConfigSchema,
    export: z
      .object({
        /** Where CSV files go when no USB stick is mounted; default the XDG Downloads folder. */
        folder: z.string().min(1).optional(),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;
