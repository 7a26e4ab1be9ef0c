import { z } from 'zod';
import { User } from '../auth/schemas.js';
import { EpochMs } from '../readings/schemas.js';
import { Session } from '../sessions/schemas.js';
import { ThresholdProfile } from '../thresholds/profile.js';

// Envelopes of what the server sends dashboards. Items inside (readings, alarms, events) are
// `unknown` here and parsed one by one by the receiver, so one malformed item cannot hide the rest.

/** Answer to `session:watch`. */
export const SessionSnapshotMessage = z.object({
  session: Session,
  profile: ThresholdProfile,
  readings: z.array(z.unknown()),
  alarms: z.array(z.unknown()),
  clinicalEvents: z.array(z.unknown()).default([]),
  serverTime: EpochMs,
});

/** Answer to `ward:watch`. */
export const WardSnapshotMessage = z.object({
  sessions: z.array(z.unknown()),
  alarms: z.array(z.unknown()),
  /** Each monitored session's recent readings, for the ward tiles' trend lines. */
  readings: z.array(z.unknown()).default([]),
  serverTime: EpochMs.optional(),
});

// The `readings` and `ward:readings` broadcasts: `ReadingsMessage` in readings/wire.ts.

/** Answer to `GET /api/auth/me`. */
export const WhoAmI = z.object({ user: User.nullable(), setupNeeded: z.boolean() });

/** Answer to a sign-in or to the first-start setup. */
export const SignedIn = z.object({ user: User });

/** The `heartbeat` broadcast. */
export const Heartbeat = z.object({ serverTime: EpochMs });
