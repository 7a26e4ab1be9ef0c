import { formatSpan } from '../time/format';

/** A vital whose newest reading is older than this is stale: it must not look live. */
export const STALE_AFTER_MS = 10_000;

/** Whether a vital's shown value is current. */
export type Freshness =
  { kind: 'none' } | { kind: 'live'; ageMs: number } | { kind: 'stale'; ageMs: number; reason: 'old' | 'connection' };

/**
 * How fresh a vital's newest value is at server time `serverNow`. Any value shown while the
 * connection is not live is stale, however young it was when it came in.
 */
export function vitalFreshness(latestMeasuredAt: number | null, serverNow: number, connectionLive: boolean): Freshness {
  if (latestMeasuredAt === null) return { kind: 'none' };
  const ageMs = Math.max(0, serverNow - latestMeasuredAt);
  if (!connectionLive) return { kind: 'stale', ageMs, reason: 'connection' };
  if (ageMs > STALE_AFTER_MS) return { kind: 'stale', ageMs, reason: 'old' };
  return { kind: 'live', ageMs };
}

/** The tile's age line: "2 s ago", "STALE · 34 s", "No data". */
export function freshnessLabel(freshness: Freshness): string {
  switch (freshness.kind) {
    case 'none':
      return 'No data';
    case 'live':
      return `${formatSpan(freshness.ageMs)} ago`;
    case 'stale':
      return `STALE · ${formatSpan(freshness.ageMs)}`;
  }
}

/** The freshest of several values shown together (systolic/diastolic): the oldest decides. */
export function oldestOf(...measuredAt: (number | null)[]): number | null {
  let oldest: number | null = null;
  for (const t of measuredAt) {
    if (t === null) return null;
    oldest = oldest === null ? t : Math.min(oldest, t);
  }
  return oldest;
}
