import { z } from 'zod';
import {
  CalibrationResultSchema,
  CalibrationViewSchema,
  RecordCalibrationRequestSchema,
  RestoreCalibrationRequestSchema,
  SaveCalibrationRequestSchema,
} from './calibration-contract';
import { ALL_FLAGS } from './flags';
import { InstantSchema } from './instant';
import {
  CheckPinResponseSchema,
  CostSummarySchema,
  DailyCostRequestSchema,
  DayCostSchema,
  EjectResponseSchema,
  ExportJobSchema,
  FieldProblemSchema,
  SaveSettingsRequestSchema,
  SaveSettingsResponseSchema,
  SetTempoColourRequestSchema,
  SettingsViewSchema,
  StartExportRequestSchema,
  TempoDaysSchema,
} from './kiosk-contract';
import { MqttSettingsViewSchema, MqttStateSchema, RemoteNodeSchema, SaveMqttRequestSchema, SaveMqttResponseSchema } from './mqtt-schema';
import type { OpName } from './ops';

const SourceKindSchema = z.enum(['mcp3008', 'sysfs', 'simulated']);
export type SourceKind = z.infer<typeof SourceKindSchema>;

const count = z.number().min(0).max(1023);

/** One window of samples turned into current and power. */
const ReadingSchema = z.object({
  /** Wall-clock time at which the window ended, epoch ms. */
  t: z.number().int().nonnegative(),
  channel: z.number().int().min(0).max(7),
  mean: count,
  min: count,
  max: count,
  /** Population standard deviation of the counts (DC offset removed). */
  rms: z.number().nonnegative(),
  currentA: z.number().nonnegative(),
  powerW: z.number().nonnegative(),
  flags: z.number().int().min(0).max(ALL_FLAGS),
  /**
   * Monotonic ms (this process's clock) at the window's end, for the interval to
   * the next reading; absent on stored rows. Optional so older clients still parse.
   */
  mono: z.number().optional(),
});
export type Reading = z.infer<typeof ReadingSchema>;

const SourceStateSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('starting') }),
  z.object({ kind: z.literal('ok') }),
  z.object({
    kind: z.literal('error'),
    /** errno-style code: ENOENT (SPI disabled), EACCES (not in the spi group), EIO ... */
    code: z.string(),
    message: z.string(),
    /** When the source tries again, epoch ms. */
    retryAt: z.number(),
  }),
]);
export type SourceState = z.infer<typeof SourceStateSchema>;

/** How the source really reads its windows: measured, not configured. */
const AcquisitionFiguresSchema = z.object({
  /** SPI ioctls per window (spidev's bufsiz sets it); null for a source without ioctls. */
  ioctlsPerWindow: z.number().int().positive().nullable(),
  samplesPerSecond: z.number().nonnegative(),
  /** Mains cycles the last window spanned, from its measured duration. */
  mainsCyclesPerWindow: z.number().nonnegative(),
});
export type AcquisitionFigures = z.infer<typeof AcquisitionFiguresSchema>;
const StorageCauseSchema = z.enum(['disk_full', 'read_only', 'corrupt', 'locked', 'io']);
export type StorageCause = z.infer<typeof StorageCauseSchema>;

/** Whether readings reach the disk; while they do not, how many wait and when the first is lost. */
const StorageStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('ok') }),
  z.object({
    state: z.literal('failing'),
    cause: StorageCauseSchema,
    /** What went wrong, naming the file (and the free space when the disk is full). */
    message: z.string(),
    fix: z.string(),
    /** First failed write, epoch ms. */
    since: z.number(),
    /** Readings kept in memory for the next try. */
    pending: z.number().int().nonnegative(),
    /** When the oldest waiting reading will be dropped at the current pace, epoch ms. */
    firstLossAt: z.number(),
    /** Readings already dropped since the failure began. */
    dropped: z.number().int().nonnegative(),
  }),
]);
export type StorageStatus = z.infer<typeof StorageStatusSchema>;

const StatusSchema = z.object({
  source: SourceKindSchema,
  state: SourceStateSchema,
  /** Why this source (no ADC found, module missing...), shown on screen. */
  notice: z.string().nullable(),
  lastReading: ReadingSchema.nullable(),
  /** Absent until the first window (and from servers older than this field). */
  acquisition: AcquisitionFiguresSchema.optional(),
  /** The backlight is at its night level: the page draws only what must be seen (absent from older servers). */
  screenDimmed: z.boolean().optional(),
  storage: StorageStatusSchema,
  display: z.object({
    gaugeMaxW: z.number().positive(),
    liveMinutes: z.number().positive(),
    timeZone: z.string(),
    language: z.enum(['fr', 'en']),
    /** Subscribed power in VA (kVA x 1000): the breaker's limit, for the alert. */
    subscribedVa: z.number().positive(),
  }),
  /** The broker link, when MQTT is configured (absent: off). */
  mqtt: MqttStateSchema.optional(),
  /** The other boxes on the broker, when the screen is to show them. */
  others: z.array(RemoteNodeSchema).optional(),
});
export type Status = z.infer<typeof StatusSchema>;

export const LiveEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('reading'), reading: ReadingSchema }),
  z.object({ type: z.literal('status'), status: StatusSchema }),
]);
export type LiveEvent = z.infer<typeof LiveEventSchema>;

const empty = z.object({}).strict();

/**
 * from/to of a range: a bare date is a local day (see instant.ts). Their order and
 * length are checked once they are instants in the configured zone, by the handler.
 */
const RANGE = { from: InstantSchema, to: InstantSchema };

/** Ranges up to 20 years: enough for any history this app keeps. */
export const MAX_QUERY_RANGE_MS = 20 * 366 * 86_400_000;

const HistoryLevelSchema = z.enum(['raw', '10s', 'minute', '10min', 'hour', 'day']);
export type HistoryLevel = z.infer<typeof HistoryLevelSchema>;

/** Columns per bucket (compact JSON, and what the chart wants). Powers in W; null mean: no covered time. */
const HistoryResponseSchema = z.object({
  level: HistoryLevelSchema,
  bucketMs: z.number().positive(),
  /** Bucket starts, epoch ms. */
  t: z.array(z.number()),
  mean: z.array(z.number().nullable()),
  min: z.array(z.number().nullable()),
  max: z.array(z.number().nullable()),
  /** Seconds in the bucket with no readings (gaps longer than storage.maxGapS). */
  missingS: z.array(z.number()),
  n: z.array(z.number().int()),
});
export type HistoryResponse = z.infer<typeof HistoryResponseSchema>;

const EnergyPerSchema = z.enum(['day', 'month', 'year']);
export type EnergyPer = z.infer<typeof EnergyPerSchema>;

const EnergyRowSchema = z.object({
  /** The local period: `2026-03-29`, `2026-03` or `2026`. */
  period: z.string(),
  start: z.number(),
  end: z.number(),
  wh: z.number(),
  missingS: z.number(),
});
export type EnergyRow = z.infer<typeof EnergyRowSchema>;

/** Every operation of both doors (IPC and HTTP): its request and response. */
export const contract = {
  getStatus: { request: empty, response: StatusSchema },
  getRecent: {
    request: z
      .object({
        minutes: z
          .number()
          .int()
          .min(1)
          .max(24 * 60),
      })
      .strict(),
    response: z.array(ReadingSchema),
  },
  getHistory: {
    request: z.object({ ...RANGE, maxPoints: z.number().int().min(2).max(5000) }).strict(),
    response: HistoryResponseSchema,
  },
  getEnergy: {
    request: z.object({ ...RANGE, per: EnergyPerSchema }).strict(),
    response: z.array(EnergyRowSchema),
  },
  getSettings: { request: empty, response: SettingsViewSchema },
  validateSettings: {
    request: z.object({ settings: z.record(z.string(), z.unknown()) }).strict(),
    response: z.object({ problems: z.array(FieldProblemSchema) }),
  },
  saveSettings: { request: SaveSettingsRequestSchema, response: SaveSettingsResponseSchema },
  checkPin: { request: z.object({ pin: z.string().max(16) }).strict(), response: CheckPinResponseSchema },
  getCost: { request: empty, response: CostSummarySchema },
  getDailyCost: { request: DailyCostRequestSchema, response: z.array(DayCostSchema) },
  startExport: { request: StartExportRequestSchema, response: ExportJobSchema },
  getExport: { request: z.object({ id: z.number().int().nonnegative() }).strict(), response: ExportJobSchema },
  ejectMedia: { request: z.object({ dir: z.string().min(1) }).strict(), response: EjectResponseSchema },
  wakeScreen: { request: empty, response: z.object({ level: z.number().min(0).max(1).nullable() }) },
  getTempoDays: { request: empty, response: TempoDaysSchema },
  setTempoColour: { request: SetTempoColourRequestSchema, response: TempoDaysSchema },
  getMqttSettings: { request: empty, response: MqttSettingsViewSchema },
  saveMqttSettings: { request: SaveMqttRequestSchema, response: SaveMqttResponseSchema },
  getCalibration: { request: empty, response: CalibrationViewSchema },
  recordCalibration: { request: RecordCalibrationRequestSchema, response: CalibrationResultSchema },
  saveCalibration: { request: SaveCalibrationRequestSchema, response: CalibrationResultSchema },
  restoreCalibration: { request: RestoreCalibrationRequestSchema, response: CalibrationResultSchema },
} satisfies Record<OpName, { request: z.ZodType; response: z.ZodType }>;

// The reverse check: every contract entry has a row in OPS.
type _NoExtraOps = keyof typeof contract extends OpName ? true : never;
const _noExtraOps: _NoExtraOps = true;
void _noExtraOps;

export type Request<K extends OpName> = z.infer<(typeof contract)[K]['request']>;
export type Response<K extends OpName> = z.infer<(typeof contract)[K]['response']>;

/** What a door returns for a call; errors are values so both doors report them alike. */
export type CallResult<T> = { ok: true; value: T } | { ok: false; error: { code: 'invalid_request' | 'not_found' | 'unknown_operation' | 'internal'; message: string } };
