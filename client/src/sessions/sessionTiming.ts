import type { Session, SessionState } from '@infusion/shared';

/** Session states as the ward says them. */
export const STATE_LABEL: Readonly<Record<SessionState, string>> = {
  scheduled: 'Scheduled',
  'pre-check': 'Pre-check',
  infusing: 'Infusing',
  paused: 'Infusion paused',
  recovery: 'Recovery',
  discharged: 'Discharged',
  'ended-early': 'Ended early',
};

/** Whether a session belongs on the board of sessions under way. */
export function isActiveSession(session: Session): boolean {
  return session.state !== 'discharged' && session.state !== 'ended-early';
}

/** Time since the infusion started (to its end, once ended); null before it starts. */
export function elapsedMs(session: Session, now: number): number | null {
  if (session.infusionStartedAt === null) return null;
  const end = session.endedAt ?? now;
  return Math.max(0, end - session.infusionStartedAt);
}

/** Elapsed against planned time: "12 / 40 min", or "40 min planned" before the start. */
export function formatElapsed(session: Session, now: number): string {
  const elapsed = elapsedMs(session, now);
  if (elapsed === null) return `${session.plannedDurationMin} min planned`;
  return `${Math.floor(elapsed / 60_000)} / ${session.plannedDurationMin} min`;
}

/** Whether the infusion has run past its planned time. */
export function isOverrun(session: Session, now: number): boolean {
  const elapsed = elapsedMs(session, now);
  return elapsed !== null && elapsed > session.plannedDurationMin * 60_000;
}

/** The board's order: by chair or room, as the ward walks it. */
export function byLocation(a: Session, b: Session): number {
  return a.location.localeCompare(b.location, undefined, { numeric: true }) || a.id.localeCompare(b.id);
}
