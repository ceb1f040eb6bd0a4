import { z } from 'zod';
import { CalibrationRecordSchema, LoadPointSchema } from './calibration-schema';

// The calibration wizard's operations: contract.ts lists them with the others.

const Pin = z.string().regex(/^\d{4,8}$/, '4 to 8 digits');

const CalibrationStepSchema = z.enum(['idle', 'load']);
export type CalibrationStep = z.infer<typeof CalibrationStepSchema>;

/** The recording in progress (or just finished) of live windows for a step. */
const RecordingSchema = z.object({
  step: CalibrationStepSchema.nullable(),
  windows: z.number().int().nonnegative(),
  seconds: z.number().nonnegative(),
  /** Seconds a step needs before it can be saved: a minute of idle, a few seconds of load. */
  minSeconds: z.number().nonnegative(),
  /** No more windows are taken (the step's longest recording is reached). */
  finished: z.boolean(),
  /** The statistic so far, counts²; null until it can be computed. */
  measured: z.object({ meanSquare: z.number(), spread: z.number(), windows: z.number().int() }).nullable(),
  /** Why what was recorded cannot be used: its reason (the screen says it in its language) and a message for logs. */
  problem: z.object({ reason: z.enum(['unsteady', 'not_idle', 'below_floor', 'too_short']), message: z.string() }).nullable(),
  /** Long enough and usable: the step can be saved. */
  ready: z.boolean(),
});
export type Recording = z.infer<typeof RecordingSchema>;

export const CalibrationViewSchema = z.object({
  current: CalibrationRecordSchema,
  /** What the last save replaced, to restore; null when nothing was replaced yet. */
  previous: CalibrationRecordSchema.nullable(),
  recording: RecordingSchema,
});
export type CalibrationView = z.infer<typeof CalibrationViewSchema>;

export const RecordCalibrationRequestSchema = z
  .object({
    /** The step to record from now on; null stops recording. */
    step: CalibrationStepSchema.nullable(),
    pin: Pin.optional(),
  })
  .strict();

export const SaveCalibrationRequestSchema = z
  .object({
    pin: Pin.optional(),
    save: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('floor') }).strict(),
      z.object({ kind: z.literal('load'), known: LoadPointSchema.shape.known, keepPoints: z.boolean() }).strict(),
      z.object({ kind: z.literal('volts'), volts: z.number().min(90).max(260) }).strict(),
    ]),
  })
  .strict();
export type SaveCalibrationRequest = z.infer<typeof SaveCalibrationRequestSchema>;

export const RestoreCalibrationRequestSchema = z.object({ pin: Pin.optional() }).strict();

export const CalibrationResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), view: CalibrationViewSchema }),
  z.object({
    ok: z.literal(false),
    reason: z.enum(['pin', 'not_ready', 'nothing_to_restore', 'file_invalid', 'write_failed']),
    message: z.string(),
    waitSeconds: z.number().int().nonnegative(),
  }),
]);
export type CalibrationResult = z.infer<typeof CalibrationResultSchema>;
