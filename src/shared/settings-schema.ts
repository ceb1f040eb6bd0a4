import { z } from 'zod';
import { isDateKey } from './local-time';
import { SUBSCRIBED_KVA } from './subscribed-power';

// What the settings screen edits, and the config sections behind it. One schema
// judges a hand-written config file, a settings screen entry and an HTTP call.

const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const TimeZoneSchema = z.string().refine(isTimeZone, 'not an IANA time zone (e.g. Europe/Paris)');

/** "HH:MM", local time; "24:00" is not a time, a slot ending at midnight ends at "00:00". */
const ClockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM (00:00 to 23:59)');
export const minuteOfDay = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** An off-peak slot; `to` before `from` crosses midnight (22:00 to 06:00). */
const SlotSchema = z
  .object({ from: ClockTimeSchema, to: ClockTimeSchema })
  .strict()
  .refine((s) => s.from !== s.to, { message: 'a slot cannot start and end at the same time', path: ['to'] });
export type Slot = z.infer<typeof SlotSchema>;

const DateKeySchema = z.string().refine(isDateKey, 'a date as YYYY-MM-DD');
const euros = z.number().min(0).max(100);
const perKwh = z.number().min(0).max(10);
const HpHc = z.object({ hp: perKwh, hc: perKwh }).strict();

const common = {
  /** Local date from which these prices apply; earlier days keep earlier prices. */
  effectiveFrom: DateKeySchema,
  /** Abonnement, euros per month TTC, shared among the days of each month. */
  subscriptionPerMonth: euros,
};

const overlap = (slots: readonly Slot[]): boolean => {
  const covered = new Array<boolean>(1440).fill(false);
  for (const s of slots) {
    const from = minuteOfDay(s.from);
    const to = minuteOfDay(s.to);
    for (let m = from; m !== to; m = (m + 1) % 1440) {
      if (covered[m]) return true;
      covered[m] = true;
    }
  }
  return false;
};
const Slots = z
  .array(SlotSchema)
  .min(1)
  .max(6)
  .refine((s) => !overlap(s), 'off-peak slots overlap');

const TariffVersionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('base'), ...common, kwh: perKwh }).strict(),
  z.object({ kind: z.literal('hphc'), ...common, offPeak: Slots, ...HpHc.shape }).strict(),
  z
    .object({
      kind: z.literal('tempo'),
      ...common,
      // EDF's Tempo off-peak hours are 22:00-06:00; kept editable all the same.
      offPeak: Slots.default([{ from: '22:00', to: '06:00' }]),
      blue: HpHc,
      white: HpHc,
      red: HpHc,
    })
    .strict(),
]);
export type TariffVersion = z.infer<typeof TariffVersionSchema>;
export type TariffKind = TariffVersion['kind'];

/** Tariff versions in date order; a price change appends one, the past keeps its prices. */
export const TariffSchema = z
  .array(TariffVersionSchema)
  .min(1)
  .refine((v) => v.every((x, i) => i === 0 || v[i - 1]!.effectiveFrom < x.effectiveFrom), 'effectiveFrom dates must be in increasing order')
  // Tarif Bleu Base 6 kVA, TTC, February 2025: an example to replace with the bill's figures.
  .default([{ kind: 'base', effectiveFrom: '2025-02-01', subscriptionPerMonth: 15.47, kwh: 0.2016 }]);

export const LanguageSchema = z.enum(['fr', 'en']);

export const BrightnessSchema = z
  .object({
    /** Dim between these local times (crossing midnight allowed). */
    dimFrom: ClockTimeSchema.default('22:30'),
    dimTo: ClockTimeSchema.default('06:30'),
    /** Backlight fraction while dimmed, and otherwise. */
    dimLevel: z.number().min(0).max(1).default(0.1),
    dayLevel: z.number().min(0.05).max(1).default(1),
    /** After a touch, full brightness for this long even at night. */
    wakeSeconds: z.number().int().min(5).max(3600).default(60),
  })
  .strict()
  .prefault({});
export type Brightness = z.infer<typeof BrightnessSchema>;

export const SubscribedKvaSchema = z.number().refine((k) => (SUBSCRIBED_KVA as readonly number[]).includes(k), `one of ${SUBSCRIBED_KVA.join(', ')} kVA`);

/**
 * The flat view the settings screen edits; main maps it onto the config file.
 * Calibration is not in it: it changes only by measurement (calibration ops),
 * so a form opened before a measurement cannot write the old figures back.
 */
export const SettingsSchema = z
  .object({
    gaugeMaxW: z.number().min(500).max(100_000),
    subscribedKva: SubscribedKvaSchema,
    tariff: TariffSchema.unwrap(),
    timeZone: TimeZoneSchema,
    language: LanguageSchema,
    brightness: BrightnessSchema.unwrap(),
    retentionDays: z.number().int().min(1).max(36_600),
    exportFolder: z.string().min(1).nullable(),
  })
  .strict();
export type Settings = z.infer<typeof SettingsSchema>;
