import { z } from 'zod';
import { EpochMs } from '../readings/schemas.js';

/** One line of the append-only audit log: who did what, when, to which session. */
export const AuditEntry = z.object({
  id: z.number().int(),
  at: EpochMs,
  userId: z.string().nullable(),
  userName: z.string(),
  action: z.string(),
  sessionId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
