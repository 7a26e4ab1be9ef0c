/** A stretch of the session's time axis, epoch ms. */
export interface TimeRange {
  from: number;
  to: number;
}

/** Narrowest stretch one can zoom to: a few readings either side of a moment. */
export const MIN_SPAN_MS = 10_000;

/** A drag shorter than this many pixels is a click, not a selection. */
export const MIN_DRAG_PX = 6;

/** Keeps `range` inside `full` and at least `MIN_SPAN_MS` wide (or `full`, if that is narrower). */
export function clampRange(range: TimeRange, full: TimeRange): TimeRange {
  const fullSpan = full.to - full.from;
  if (fullSpan <= MIN_SPAN_MS) return full;
  let { from, to } = range;
  if (to - from < MIN_SPAN_MS) {
    const mid = (from + to) / 2;
    from = mid - MIN_SPAN_MS / 2;
    to = mid + MIN_SPAN_MS / 2;
  }
  const span = Math.min(to - from, fullSpan);
  if (from < full.from) from = full.from;
  if (from + span > full.to) from = full.to - span;
  return { from: Math.round(from), to: Math.round(from + span) };
}

/** The time under pixel `x` of a plot `width` pixels wide showing `view`. */
export function pixelToTime(x: number, width: number, view: TimeRange): number {
  const fraction = Math.min(1, Math.max(0, x / Math.max(1, width)));
  return view.from + fraction * (view.to - view.from);
}

/** The stretch a drag from `x1` to `x2` (pixels in the plot) selects; null for a mere click. */
export function selectionToRange(
  x1: number,
  x2: number,
  width: number,
  view: TimeRange,
  full: TimeRange,
): TimeRange | null {
  if (Math.abs(x2 - x1) < MIN_DRAG_PX) return null;
  const a = pixelToTime(Math.min(x1, x2), width, view);
  const b = pixelToTime(Math.max(x1, x2), width, view);
  return clampRange({ from: a, to: b }, full);
}

/** Twice as wide around the same middle, never beyond the session. */
export function zoomOut(view: TimeRange, full: TimeRange): TimeRange {
  const span = view.to - view.from;
  const mid = (view.from + view.to) / 2;
  return clampRange({ from: mid - span, to: mid + span }, full);
}

/** Half as wide around the same middle. */
export function zoomIn(view: TimeRange, full: TimeRange): TimeRange {
  const span = view.to - view.from;
  const mid = (view.from + view.to) / 2;
  return clampRange({ from: mid - span / 4, to: mid + span / 4 }, full);
}

/** Moved by `fraction` of its width (negative: earlier), stopping at the session's ends. */
export function pan(view: TimeRange, full: TimeRange, fraction: number): TimeRange {
  const shift = (view.to - view.from) * fraction;
  return clampRange({ from: view.from + shift, to: view.to + shift }, full);
}

/** A stretch around a moment or an interval (an alarm, say), with a margin either side. */
export function around(from: number, to: number, full: TimeRange, marginMs = 60_000): TimeRange {
  return clampRange({ from: from - marginMs, to: to + marginMs }, full);
}

/** Whether `view` is the whole session. */
export function isWhole(view: TimeRange, full: TimeRange): boolean {
  return view.from <= full.from && view.to >= full.to;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const TICK_STEPS = [1, 2, 5, 10, 15, 30]
  .map((s) => s * SECOND)
  .concat([1, 2, 5, 10, 15, 30, 60, 120].map((m) => m * MINUTE));

/** Round clock-time ticks for the time axis, at most `maxTicks`; the step tells whether seconds are shown. */
export function reviewTimeTicks(range: TimeRange, maxTicks: number): { ticks: number[]; stepMs: number } {
  const span = range.to - range.from;
  const stepMs = TICK_STEPS.find((s) => span / s <= Math.max(1, maxTicks)) ?? 240 * MINUTE;
  // Ticks fall on round local clock times (a whole minute, a quarter hour), not on UTC ones.
  const offset = new Date(range.from).getTimezoneOffset() * MINUTE;
  const ticks: number[] = [];
  for (let t = Math.ceil((range.from - offset) / stepMs) * stepMs + offset; t <= range.to; t += stepMs) ticks.push(t);
  return { ticks, stepMs };
}
