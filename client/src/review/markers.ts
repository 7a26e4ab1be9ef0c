import type { ChartMarker } from '../session/chartMarkers';

/**
 * Joins markers closer than `minGapMs` into one, labelled with all their labels ("Recovery ·
 * Ended early"), so labels written at the same place do not print over each other.
 */
export function groupMarkers(markers: readonly ChartMarker[], minGapMs: number): ChartMarker[] {
  const out: ChartMarker[] = [];
  for (const m of [...markers].sort((a, b) => a.t - b.t || a.id - b.id)) {
    const last = out.at(-1);
    if (last && m.t - last.t < minGapMs) {
      out[out.length - 1] = { ...last, label: `${last.label} · ${m.label}` };
    } else {
      out.push(m);
    }
  }
  return out;
}
