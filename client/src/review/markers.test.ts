import { describe, expect, it } from 'vitest';
import type { ChartMarker } from '../session/chartMarkers';
import { groupMarkers } from './markers';

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
