import { z } from 'zod';
import { InstantSchema } from './instant';
import { isDateKey } from './local-time';
import { SettingsSchema } from './settings-schema';

// Request and response schemas of the kiosk's own operations: settings, cost,
// CSV export, screen. contract.ts lists them with the others.

const DateKey = z.string().refine(isDateKey, 'a date as YYYY-MM-DD, from 2000 on');
const Pin = z.string().regex(/^\d{4,8}$/, '4 to 8 digits');

export const SettingsViewSchema = z.object({
  settings: SettingsSchema,
  pinSet: z.boolean(),
  configFile: z.string(),
  /** The file on disk does not validate: saving replaces it (a dated copy is kept). */
  fileProblems: z.array(z.string()),
});
export type SettingsView = z.infer<typeof SettingsViewSchema>;

export const FieldProblemSchema = z.object({ field: z.string(), message: z.string() });
export type FieldProblem = z.infer<typeof FieldProblemSchema>;

export const SaveSettingsRequestSchema = z
  .object({
    settings: SettingsSchema,
    /** The current PIN, when one is set. */
    pin: Pin.optional(),
    /** A new PIN; null removes it. */
    newPin: Pin.nullable().optional(),
    /** Replace a config file that does not validate (it is kept as config.json.invalid-DATE). */
    overwriteInvalid: z.boolean().optional(),
  })
  .strict();

export const SaveSettingsResponseSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), view: SettingsViewSchema, backup: z.string().nullable() }),
  z.object({
    ok: z.literal(false),
    reason: z.enum(['pin', 'file_invalid', 'write_failed']),
    message: z.string(),
    waitSeconds: z.number().int().nonnegative(),
  }),
]);
export type SaveSettingsResponse = z.infer<typeof SaveSettingsResponseSchema>;

export const CheckPinResponseSchema = z.object({ ok: z.boolean(), pinSet: z.boolean(), waitSeconds: z.number().int().nonnegative() });

const CostTotalSchema = z.object({
  wh: z.number(),
  energyEur: z.number(),
  subscriptionEur: z.number(),
  totalEur: z.number(),
  unpricedWh: z.number(),
  complete: z.boolean(),
  missingColours: z.array(z.string()),
});
export type CostTotalView = z.infer<typeof CostTotalSchema>;

export const CostSummarySchema = z.object({
  today: CostTotalSchema.extend({ date: z.string() }),
  month: CostTotalSchema.extend({ month: z.string() }),
  tariffKind: z.enum(['base', 'hphc', 'tempo']).nullable(),
});
export type CostSummary = z.infer<typeof CostSummarySchema>;

export const DayCostSchema = z.object({
  date: z.string(),
  wh: z.number(),
  energyEur: z.number(),
  subscriptionEur: z.number(),
  unpricedWh: z.number(),
  missingColours: z.array(z.string()),
});

/** Each day is priced by its own queries and kept in a cache: a year at most per request. */
const MAX_COST_DAYS = 366;
const daySpan = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;

export const DailyCostRequestSchema = z
  .object({ from: DateKey, to: DateKey })
  .strict()
  .refine((r) => r.from <= r.to, { message: 'from must not be after to', path: ['to'] })
  .refine((r) => daySpan(r.from, r.to) <= MAX_COST_DAYS, { message: `at most ${MAX_COST_DAYS} days at once`, path: ['to'] });

const ExportResolutionSchema = z.enum(['raw', '1min', '1h', '1day']);
export type ExportResolution = z.infer<typeof ExportResolutionSchema>;
const ExportPresetSchema = z.enum(['today', 'yesterday', 'thisWeek', 'thisMonth', 'lastMonth', 'thisYear']);
export type ExportPreset = z.infer<typeof ExportPresetSchema>;
const CsvLocaleSchema = z.enum(['en', 'fr']);
export type CsvLocale = z.infer<typeof CsvLocaleSchema>;

const ExportRangeSchema = z.union([
  z.object({ preset: ExportPresetSchema }).strict(),
  z
    .object({ fromDate: DateKey, toDate: DateKey })
    .strict()
    .refine((r) => r.fromDate <= r.toDate, { message: 'fromDate must not be after toDate', path: ['toDate'] }),
]);
export type ExportRange = z.infer<typeof ExportRangeSchema>;

export const StartExportRequestSchema = z.object({ range: ExportRangeSchema, resolution: ExportResolutionSchema, locale: CsvLocaleSchema }).strict();
export type StartExportRequest = z.infer<typeof StartExportRequestSchema>;

/** GET /api/export.csv and `corcy-power export`. */
export const ExportQuerySchema = z.object({ from: InstantSchema, to: InstantSchema, resolution: ExportResolutionSchema, locale: CsvLocaleSchema.default('en') }).strict();

const DestinationSchema = z.object({
  kind: z.enum(['usb', 'folder']),
  dir: z.string(),
  /** The block device of a USB stick, for eject. */
  device: z.string().nullable(),
});
export type Destination = z.infer<typeof DestinationSchema>;

const ExportFailureSchema = z.enum(['disk_full', 'media_removed', 'no_destination', 'io']);
export type ExportFailure = z.infer<typeof ExportFailureSchema>;

export const ExportJobSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('running'), id: z.number().int(), rows: z.number().int(), total: z.number().int(), file: z.string(), destination: DestinationSchema }),
  z.object({ state: z.literal('done'), id: z.number().int(), rows: z.number().int(), bytes: z.number().int(), file: z.string(), destination: DestinationSchema }),
  z.object({ state: z.literal('failed'), id: z.number().int(), reason: ExportFailureSchema, message: z.string() }),
]);
export type ExportJob = z.infer<typeof ExportJobSchema>;

export const EjectResponseSchema = z.object({ ok: z.boolean(), message: z.string() });

const TempoColourSchema = z.enum(['blue', 'white', 'red']);
export const TempoDaysSchema = z.object({
  /** Today and tomorrow (the Tempo day announced the day before), colour or null when unknown. */
  days: z.array(z.object({ date: z.string(), colour: TempoColourSchema.nullable() })),
});
export const SetTempoColourRequestSchema = z.object({ date: DateKey, colour: TempoColourSchema, pin: Pin.optional() }).strict();
