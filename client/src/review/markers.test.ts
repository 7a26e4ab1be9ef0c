import { describe, expect, it } from 'vitest';
import type { ChartMarker } from '../session/chartMarkers';
import { groupMarkers, markersNear, placeMarkerLabels } from './markers';

const m = (id: number, t: number, label: string): ChartMarker => ({ id, t, kind: 'lifecycle', label });

describe('groupMarkers', () => {
  it('joins markers too close to label apart, keeping the first one’s place and kind', () => {
    expect(groupMarkers([m(2, 1000, 'Ended early'), m(1, 1000, 'Recovery'), m(3, 60_000, 'Nausea')], 5000)).toEqual([
      { id: 1, t: 1000, kind: 'lifecycle', label: 'Recovery · Ended early' },
      m(3, 60_000, 'Nausea'),
    ]);
  });
  it('leaves markers far enough apart alone', () => {
    const markers = [m(1, 0, 'a'), m(2, 5000, 'b')];
    expect(groupMarkers(markers, 5000)).toEqual(markers);
  });
});

describe('placeMarkerLabels', () => {
  // 1 px = 1 s; a 1000 px plot; "abcdefghij" is about 72 px wide.
  const place = (markers: ChartMarker[]) => placeMarkerLabels(markers, 0, 1000, 1000).map((p) => [p.id, p.align]);

  it('writes labels to the right of their lines when there is room', () => {
    expect(place([m(1, 0, 'abcdefghij'), m(2, 200_000, 'abcdefghij')])).toEqual([
      [1, 'left'],
      [2, 'left'],
    ]);
  });

  it('leaves out a label that would be written over the one before', () => {
    expect(place([m(1, 0, 'abcdefghij'), m(2, 30_000, 'abcdefghij'), m(3, 80_000, 'x')])).toEqual([
      [1, 'left'],
      [2, null],
      [3, 'left'],
    ]);
  });

  it('writes a label to the left of its line near the right edge', () => {
    expect(place([m(1, 990_000, 'abcdefghij')])).toEqual([[1, 'right']]);
    expect(place([m(1, 900_000, 'abcdefghij'), m(2, 990_000, 'abcdefghij')])).toEqual([
      [1, 'left'],
      [2, null],
    ]);
  });
});

describe('markersNear', () => {
  it('finds the entries around the cursor', () => {
    expect(markersNear([m(1, 0, 'a'), m(2, 5000, 'b'), m(3, 20_000, 'c')], 4000, 5000).map((x) => x.id)).toEqual([
      1, 2,
    ]);
  });
});
