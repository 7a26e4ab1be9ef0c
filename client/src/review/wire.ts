// The review endpoints' answers. shared/ has their TypeScript shapes but no zod schemas yet,
// so they are written here, checked against the shared types at compile time (`satisfies`),
// and parsed like everything else from the server.
import { EpochMs, VitalCode, type SeriesPoint, type SessionSummary } from '@infusion/shared';
import { z } from 'zod';

const Count = z.number().int().nonnegative();

export const SeriesPointSchema = z.object({
  t: z.number(),
  min: z.number(),
  max: z.number(),
  mean: z.number(),
  n: Count,
}) satisfies z.ZodType<SeriesPoint>;

/** `GET /api/sessions/:id/series`: per vital, exact readings or min/max buckets. */
export const SeriesSchema = z.object({
  from: EpochMs,
  to: EpochMs,
  downsampled: z.boolean(),
  series: z.partialRecord(VitalCode, z.array(SeriesPointSchema)),
});
export type Series = z.infer<typeof SeriesSchema>;

/** `GET /api/sessions/:id/summary`. */
export const SessionSummarySchema = z.object({
  vitals: z.array(
    z.object({
      vital: VitalCode,
      count: Count,
      min: z.number(),
      max: z.number(),
      mean: z.number(),
      baseline: z.number().nullable(),
      secondsBeyondMedium: z.number().nonnegative(),
      secondsBeyondHigh: z.number().nonnegative(),
    }),
  ),
  alarmsByPriority: z.object({ high: Count, medium: Count, low: Count }),
  medianSecondsToAcknowledge: z.number().nonnegative().nullable(),
  acknowledgedCount: Count,
}) satisfies z.ZodType<SessionSummary>;
