import { z } from 'zod';

// What a calibration by measurement keeps, in the config file and on the wire.
// Each measured part carries its date: a household can tell a figure measured
// last winter from the old system's guess.

const When = z.iso.datetime({ offset: true });

/**
 * The noise floor: what the electronics show with no current, as a statistic of
 * rms² over many idle windows (noise adds to the signal in mean square, so it is
 * removed there), with the spread of one window's rms² around it.
 */
const NoiseFloorSchema = z
  .object({
    /** counts², the robust mean of the idle windows' rms². */
    meanSquare: z.number().min(0).max(100_000),
    /** counts², one window's spread (robust standard deviation) around it. */
    spread: z.number().min(0).max(100_000),
    windows: z.number().int().min(1),
    seconds: z.number().min(0),
    measuredAt: When,
  })
  .strict();
export type NoiseFloor = z.infer<typeof NoiseFloorSchema>;

/** One known load: its current and the rms² the clamp showed for it. */
export const LoadPointSchema = z
  .object({
    amps: z.number().positive().max(200),
    meanSquare: z.number().min(0).max(2_000_000),
    /** What the user entered: a nameplate in watts or a clamp meter in amps. */
    known: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('watts'), watts: z.number().positive().max(50_000) }).strict(),
      z.object({ kind: z.literal('amps'), amps: z.number().positive().max(200) }).strict(),
    ]),
    measuredAt: When,
  })
  .strict();
export type LoadPoint = z.infer<typeof LoadPointSchema>;

const calibrationFields = {
  ampsPerCount: z.number().positive().max(10).default(0.27),
  volts: z.number().min(90).max(260).default(237),
  /** The old single-figure floor in amperes, used only while no floor is measured. */
  noiseFloorA: z.number().min(0).max(10).default(0),
  floor: NoiseFloorSchema.optional(),
  /** The known loads ampsPerCount was fitted to, and when. */
  points: z.array(LoadPointSchema).max(8).optional(),
  ampsMeasuredAt: When.optional(),
  voltsMeasuredAt: When.optional(),
};

export const CalibrationRecordSchema = z.object(calibrationFields).strict();
export type CalibrationRecord = z.infer<typeof CalibrationRecordSchema>;

/** The config file's section: the calibration in force and the one before it, to restore. */
export const CalibrationSectionSchema = z
  .object({ ...calibrationFields, previous: CalibrationRecordSchema.optional() })
  .strict()
  .prefault({});
