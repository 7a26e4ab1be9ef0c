import { describe, expect, it } from 'vitest';
import { CHART_MARGIN, labelledTicks, linearScale, linePath, plotArea } from './chartGeometry';

describe('plotArea', () => {
  it('leaves room for both axes', () => {
    expect(plotArea(900, 200)).toEqual({
      left: CHART_MARGIN.left,
      top: CHART_MARGIN.top,
      right: 900 - CHART_MARGIN.right,
      bottom: 200 - CHART_MARGIN.bottom,
    });
  });

  it('never turns inside out in a tiny box', () => {
    const area = plotArea(10, 10);
    expect(area.right).toBeGreaterThan(area.left);
    expect(area.bottom).toBeGreaterThan(area.top);
  });
});

describe('linearScale', () => {
  it('maps a value axis upside down, higher values up', () => {
    const y = linearScale([80, 100], [200, 0]);
    expect([y(80), y(90), y(100)]).toEqual([200, 100, 0]);
  });

  it('maps a flat domain to the start of the range', () => {
    expect(linearScale([5, 5], [0, 100])(5)).toBe(0);
  });
});

describe('linePath', () => {
  const x = linearScale([0, 10], [0, 100]);
  const y = linearScale([0, 10], [100, 0]);

  it('joins consecutive readings', () => {
    const d = linePath(
      [
        { t: 0, v: 0 },
        { t: 5, v: 5 },
        { t: 10, v: 10 },
      ],
      x,
      y,
    );
    expect(d).toBe('M0,100L50,50L100,0');
  });

  it('lifts the pen where the readings stopped', () => {
    const d = linePath(
      [
        { t: 0, v: 1 },
        { t: 1, v: 1 },
        { t: 3, v: null },
        { t: 8, v: 2 },
        { t: 9, v: 2 },
      ],
      x,
      y,
    );
    expect(d).toBe('M0,90L10,90M80,80L90,80');
  });

  it('draws nothing without readings', () => {
    expect(linePath([{ t: 1, v: null }], x, y)).toBe('');
  });

  it('rounds to a tenth of a pixel', () => {
    expect(linePath([{ t: 1 / 3, v: 1 / 3 }], x, y)).toBe('M3.3,96.7');
  });
});

describe('labelledTicks', () => {
  const y = linearScale([50, 150], [60, 0]);

  it('keeps every label when there is room', () => {
    expect(labelledTicks([50, 100, 150], y, 17)).toEqual([50, 100, 150]);
  });

  it('drops crowded labels, keeping the top one', () => {
    expect(labelledTicks([50, 75, 100, 125, 150], y, 17)).toEqual([50, 100, 150]);
  });

  it('is empty without ticks', () => {
    expect(labelledTicks([], y, 17)).toEqual([]);
  });
});
