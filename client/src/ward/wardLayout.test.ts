import { describe, expect, it } from 'vitest';
import { MIN_TILE_HEIGHT, nextTileIndex, wardLayout, type NavigationKey } from './wardLayout';

describe('wardLayout', () => {
  it.each([
    // count, width, height, columns, rows that show without scrolling (at least)
    ['24 chairs on a 1920×1080 screen: 6×4, all visible', 24, 1900, 960, 6, 4],
    ['12 chairs on a 1920×1080 screen', 12, 1900, 960, 4, 3],
    ['3 chairs on a 1920×1080 screen: one row of big tiles', 3, 1900, 960, 3, 1],
    ['1 chair', 1, 1900, 960, 1, 1],
    ['24 chairs on a 1280×800 laptop: 4 columns, scrolling', 24, 1260, 680, 4, 3],
    ['8 chairs on a 1280×800 laptop', 8, 1260, 680, 4, 2],
  ])('%s', (_name, count, width, height, columns, visibleRows) => {
    const layout = wardLayout(count, width, height, 8);
    expect(layout.columns).toBe(columns);
    expect(layout.rowHeight).toBeGreaterThanOrEqual(MIN_TILE_HEIGHT);
    const shown = Math.floor((height + 8) / (layout.rowHeight + 8));
    expect(shown).toBeGreaterThanOrEqual(visibleRows);
    // Tiles are never narrower than readable.
    expect((width - 8 * (columns - 1)) / columns).toBeGreaterThanOrEqual(270);
  });

  it('fits all 24 tiles on 1920×1080 without scrolling', () => {
    const { columns, rowHeight } = wardLayout(24, 1900, 960, 8);
    const rows = Math.ceil(24 / columns);
    expect(rows * rowHeight + (rows - 1) * 8).toBeLessThanOrEqual(960);
  });

  it('survives an area not measured yet', () => {
    expect(wardLayout(5, 0, 0, 8).columns).toBe(1);
  });
});

describe('nextTileIndex', () => {
  // 7 tiles in 3 columns:
  //  0 1 2
  //  3 4 5
  //  6
  it.each<[number, NavigationKey, number]>([
    [0, 'ArrowRight', 1],
    [2, 'ArrowRight', 3],
    [6, 'ArrowRight', 6],
    [0, 'ArrowLeft', 0],
    [3, 'ArrowLeft', 2],
    [1, 'ArrowDown', 4],
    [3, 'ArrowDown', 6],
    [4, 'ArrowDown', 6],
    [5, 'ArrowDown', 6],
    [6, 'ArrowDown', 6],
    [4, 'ArrowUp', 1],
    [1, 'ArrowUp', 1],
    [6, 'ArrowUp', 3],
    [4, 'Home', 0],
    [1, 'End', 6],
  ])('from %i, %s goes to %i', (from, key, to) => {
    expect(nextTileIndex(from, key, 7, 3)).toBe(to);
  });

  it('has nowhere to go without tiles', () => {
    expect(nextTileIndex(0, 'ArrowRight', 0, 3)).toBe(-1);
  });
});
