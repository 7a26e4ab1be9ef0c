import type { User } from '@infusion/shared';
import type { NewAuditEntry } from '../store/store.js';

/** Who did something: a signed-in user, or the system itself (the demo, the alarm clock). */
export type Actor = Pick<User, 'id' | 'displayName'> | null;

/** Appends one line to the audit log, inside a transaction when one is given. */
export function audit(
  target: { appendAudit(entry: NewAuditEntry): void },
  actor: Actor,
  action: string,
  sessionId: string | null,
  details: Record<string, unknown> = {},
): void {
  target.appendAudit({
    at: Date.now(),
    userId: actor?.id ?? null,
    userName: actor?.displayName ?? 'system',
    action,
    sessionId,
    details,
  });
}
