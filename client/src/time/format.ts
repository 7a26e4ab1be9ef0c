// Clock and duration wording shared by every screen. All inputs are epoch ms or ms spans.

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Wall-clock time on this screen's clock, e.g. "14:02". */
export function formatClock(epochMs: number): string {
  const d = new Date(epochMs);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** Wall-clock time with seconds, e.g. "14:02:09". */
export function formatClockSeconds(epochMs: number): string {
  const d = new Date(epochMs);
  return `${formatClock(epochMs)}:${pad2(d.getSeconds())}`;
}

/**
 * A span as a nurse says it: "0 s", "34 s", "4 min", "1 h 5 min". Rounded down, so a
 * value never looks younger than it is; negative spans (clock skew) count as 0.
 */
export function formatSpan(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  const rest = min % 60;
  return rest === 0 ? `${h} h` : `${h} h ${rest} min`;
}

/** Time left on a countdown, rounded up so it never reads 0:00 while still running: "1:52". */
export function formatCountdown(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${pad2(s % 60)}`;
}
