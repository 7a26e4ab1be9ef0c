// How the tiles fill the screen, and how the arrow keys move between them.

/** Below these a tile's numbers are no longer readable across the room. */
export const MIN_TILE_WIDTH = 270;
export const MIN_TILE_HEIGHT = 205;
/** Width over height a tile looks best at; taller tiles waste space on a landscape screen. */
const TILE_ASPECT = 1.3;
/** Tiles never grow taller than this share of their width. */
const MAX_HEIGHT_PER_WIDTH = 0.9;

export interface WardLayout {
  columns: number;
  /** Row height in CSS pixels. */
  rowHeight: number;
}

/**
 * Columns and row height for `count` tiles in a `width`×`height` area with `gap` between
 * tiles: the biggest tiles that all fit without scrolling (24 tiles on a 1920×1080 screen:
 * 6×4). Where they cannot fit at the smallest readable size (24 tiles on a 1280×800 laptop),
 * as many columns as fit, and the area scrolls.
 */
export function wardLayout(count: number, width: number, height: number, gap: number): WardLayout {
  const n = Math.max(1, count);
  const maxColumns = Math.max(1, Math.min(n, Math.floor((width + gap) / (MIN_TILE_WIDTH + gap))));
  let best: { columns: number; rowHeight: number; size: number } | null = null;
  for (let columns = 1; columns <= maxColumns; columns++) {
    const rows = Math.ceil(n / columns);
    const tileWidth = (width - gap * (columns - 1)) / columns;
    const tileHeight = (height - gap * (rows - 1)) / rows;
    if (tileHeight < MIN_TILE_HEIGHT) continue;
    const rowHeight = Math.min(tileHeight, tileWidth * MAX_HEIGHT_PER_WIDTH);
    // How big the tile's content can be drawn: limited by its width or by its height.
    const size = Math.min(tileWidth, rowHeight * TILE_ASPECT);
    if (best === null || size > best.size) best = { columns, rowHeight, size };
  }
  if (best) return { columns: best.columns, rowHeight: Math.floor(best.rowHeight) };
  // Scrolling: whole rows fill the visible height, so no tile is cut at the bottom edge.
  const tileWidth = (width - gap * (maxColumns - 1)) / maxColumns;
  const visibleRows = Math.max(1, Math.floor((height + gap) / (MIN_TILE_HEIGHT + gap)));
  const fill = (height - gap * (visibleRows - 1)) / visibleRows;
  return {
    columns: maxColumns,
    rowHeight: Math.floor(Math.max(MIN_TILE_HEIGHT, Math.min(fill, tileWidth * MAX_HEIGHT_PER_WIDTH))),
  };
}

/** Keys that move the focus across the tiles. */
export type NavigationKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End';

export function isNavigationKey(key: string): key is NavigationKey {
  return ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'].includes(key);
}

/**
 * The tile the focus moves to from tile `index` (reading order, `count` tiles, `columns` a
 * row). Left and right run along the reading order, across rows; up and down stay in the
 * column and stop at the edges.
 */
export function nextTileIndex(index: number, key: NavigationKey, count: number, columns: number): number {
  if (count <= 0) return -1;
  const last = count - 1;
  const at = Math.min(Math.max(index, 0), last);
  const cols = Math.max(1, columns);
  switch (key) {
    case 'ArrowLeft':
      return Math.max(0, at - 1);
    case 'ArrowRight':
      return Math.min(last, at + 1);
    case 'ArrowUp':
      return at - cols >= 0 ? at - cols : at;
    case 'ArrowDown':
      if (at + cols <= last) return at + cols;
      // Under a gap in a short last row: to that row's last tile.
      return Math.floor(at / cols) < Math.floor(last / cols) ? last : at;
    case 'Home':
      return 0;
    case 'End':
      return last;
  }
}
