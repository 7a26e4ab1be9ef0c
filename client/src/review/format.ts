// Wording of the review page and its printed report.
import type { AuditEntry, Session } from '@infusion/shared';
import { formatClock, formatClockSeconds } from '../time/format';

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** A date as the record writes it, unambiguous in any country: "2026-03-05". */
export function formatDate(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

/** "2026-03-05 09:02". */
export function formatDateTime(epochMs: number): string {
  return `${formatDate(epochMs)} ${formatClock(epochMs)}`;
}

/** "2026-03-05 09:02:07". */
export function formatDateTimeSeconds(epochMs: number): string {
  return `${formatDate(epochMs)} ${formatClockSeconds(epochMs)}`;
}

/** A time within the session: "09:02:07", with the date when it is another day than `day`. */
export function formatMoment(epochMs: number, day: number): string {
  return formatDate(epochMs) === formatDate(day)
    ? formatClockSeconds(epochMs)
    : `${formatDate(epochMs)} ${formatClockSeconds(epochMs)}`;
}

/** A duration to the second, for times in alarm and to acknowledge: "0 s", "1 min 20 s", "2 h 5 min". */
export function formatSeconds(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) {
    const rest = s % 60;
    return rest === 0 ? `${Math.floor(s / 60)} min` : `${Math.floor(s / 60)} min ${rest} s`;
  }
  const min = Math.floor(s / 60);
  return min % 60 === 0 ? `${Math.floor(min / 60)} h` : `${Math.floor(min / 60)} h ${min % 60} min`;
}

/** How long the session lasted, and the infusion within it; null where not started or not ended. */
export function sessionDurations(session: Session): { session: number | null; infusion: number | null } {
  const end = session.endedAt;
  const infusionEnd = session.recoveryStartedAt ?? end;
  return {
    session: end === null ? null : end - session.createdAt,
    infusion:
      session.infusionStartedAt === null || infusionEnd === null ? null : infusionEnd - session.infusionStartedAt,
  };
}

/** An audit action as a sentence start: "state-changed" → "State changed". */
export function actionText(action: string): string {
  const words = action.replace(/[-_.]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function detailValue(value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** An audit entry's details on one line: "from: infusing · to: recovery". */
export function auditDetails(details: AuditEntry['details']): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${detailValue(value)}`)
    .join(' · ');
}

/** A string as a CSS string literal, safe inside a style sheet. */
export function cssString(text: string): string {
  return `"${text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/[\n\r\f]/g, ' ')
    .replace(/</g, '\\3c ')}"`;
}

/**
 * The printed report's running header and footer (CSS page-margin boxes): the patient, MRN
 * and session date on every page, so a loose page is never a nameless one, and page numbers.
 */
export function printPageCss(session: Session, printedAt: number): string {
  const who = `${session.patient.displayName} · MRN ${session.patient.mrn}`;
  const when = `Infusion session ${formatDateTime(session.createdAt)} · ${session.location}`;
  return [
    '@media print {',
    '  @page {',
    `    @top-left { content: ${cssString(who)}; font: 600 10pt system-ui, sans-serif; color: #000; }`,
    `    @top-right { content: ${cssString(when)}; font: 10pt system-ui, sans-serif; color: #000; }`,
    `    @bottom-left { content: ${cssString(`Printed ${formatDateTime(printedAt)}`)}; font: 9pt system-ui, sans-serif; color: #333; }`,
    '    @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 9pt system-ui, sans-serif; color: #333; }',
    '  }',
    '}',
  ].join('\n');
}
