import type { ChartMarker } from '../session/chartMarkers';

/** A charted entry as a review chart draws it: its label written to one side, or not at all. */
export interface PlacedMarker extends ChartMarker {
  /** Which side of its line the label is written on; null when there is no room for it. */
  align: 'left' | 'right' | null;
}

/** Rough width of a label in 11 px type, for placing labels without measuring them. */
export function labelWidth(label: string): number {
  return label.length * 6.2 + 10;
}

/**
 * Places the labels of a chart's markers, from the left, so that none is written over
 * another: each label is written to the right of its line, or to the left near the chart's
 * right edge, and is left out when neither side has room (its line stays, and the entry is in
 * the table and under the cursor).
 */
export function placeMarkerLabels(
  markers: readonly ChartMarker[],
  from: number,
  msPerPx: number,
  plotWidth: number,
): PlacedMarker[] {
  let freeFrom = -Infinity;
  return [...markers]
    .sort((a, b) => a.t - b.t || a.id - b.id)
    .map((m) => {
      const x = (m.t - from) / msPerPx;
      const w = labelWidth(m.label);
      if (x + w <= plotWidth && x >= freeFrom) {
        freeFrom = x + w;
        return { ...m, align: 'left' as const };
      }
      if (x - w >= Math.max(0, freeFrom) && x + w > plotWidth) {
        freeFrom = x;
        return { ...m, align: 'right' as const };
      }
      return { ...m, align: null };
    });
}

/**
 * Joins markers closer than `minGapMs` into one, labelled with all their labels ("Recovery ·
 * Ended early"), so entries made at the same moment read together.
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

/** The entries within `withinMs` of `t`, for the cursor's readout. */
export function markersNear(markers: readonly ChartMarker[], t: number, withinMs: number): ChartMarker[] {
  return markers.filter((m) => Math.abs(m.t - t) <= withinMs);
}
