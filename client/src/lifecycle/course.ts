import type { Course, Session } from '@infusion/shared';

/** A date as the ward writes it: "12 Nov", with the year when it is not this year's. */
export function formatDay(epochMs: number, now: number): string {
  const date = new Date(epochMs);
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  return date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
  });
}

/** "Infusion 3 of 6 (induction)", or "Infusion 2 (maintenance)" for an open-ended series. */
export function courseText(course: Course | null): string {
  if (course === null) return 'Course not recorded';
  const of = course.seriesSize === null ? '' : ` of ${course.seriesSize}`;
  return `Infusion ${course.infusionNumber}${of} (${course.phase})`;
}

/**
 * The patient's infusion before this one: the latest earlier session whose infusion was
 * started (one ended before starting was no infusion). Null for a first infusion.
 */
export function previousInfusion(session: Session, patientSessions: readonly Session[]): Session | null {
  let last: Session | null = null;
  for (const s of patientSessions) {
    if (s.id === session.id || s.infusionStartedAt === null) continue;
    if (s.createdAt > session.createdAt) continue;
    if (last === null || (last.infusionStartedAt ?? 0) < s.infusionStartedAt) last = s;
  }
  return last;
}

/** The course line of the session view: "Infusion 3 of 6 (induction) · last on 12 Nov". */
export function courseLine(session: Session, patientSessions: readonly Session[] | null, now: number): string {
  const text = courseText(session.course);
  if (patientSessions === null) return text;
  const last = previousInfusion(session, patientSessions);
  if (last === null || last.infusionStartedAt === null) return `${text} · first infusion on record`;
  return `${text} · last on ${formatDay(last.infusionStartedAt, now)}`;
}
