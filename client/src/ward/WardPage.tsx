import { useCallback, useEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import { useConnectionView } from '../connection/ConnectionContext';
import { useElementSize } from '../session/useElementSize';
import { useWard } from './useWard';
import { useWardChime } from './useWardChime';
import { isNavigationKey, nextTileIndex, wardLayout } from './wardLayout';
import { orderTiles, RANK, tileRank } from './wardOrder';
import type { WardData } from './wardState';
import { WARD_MARKS, type AckStatus, type WardStore, type WardView } from './wardStore';
import { WardTile } from './WardTile';
import '../alarms/alarms.css';
import './ward.css';

/** Gap between tiles, in CSS pixels: set here, not in the CSS, because the layout counts it. */
const TILE_GAP = 8;

/** `/ward`: every monitored chair on one screen, for the nurses' station. */
export function WardPage() {
  const { view, store } = useWard();
  useWardChime(view.phase === 'ready' ? view.chime : null);
  return (
    <section className="ward" data-testid="ward" aria-labelledby="ward-title">
      <WardHeader view={view} />
      {view.phase === 'loading' && <p className="muted">Loading the ward…</p>}
      {view.phase === 'error' && (
        <div className="notice notice--error" role="alert">
          Could not open the ward view: {view.error.message}. Retrying…
        </div>
      )}
      {view.phase === 'ready' && view.watchError && (
        <div className="notice notice--error" role="alert">
          Not receiving the ward’s updates: {view.watchError.message}. Retrying…
        </div>
      )}
      {view.phase === 'ready' && <WardGrid data={view.data} acks={view.acks} store={store} />}
    </section>
  );
}

function WardHeader({ view }: { view: WardView }) {
  const { status } = useConnectionView();
  let summary = '';
  if (view.phase === 'ready') {
    const tiles = [...view.data.tiles.values()];
    const waiting = tiles.filter((t) => tileRank(t.alarms) <= RANK.latched).length;
    summary = `${tiles.length} ${tiles.length === 1 ? 'chair' : 'chairs'} · `;
    summary +=
      status !== 'live'
        ? 'alarm state unknown – not connected'
        : waiting === 0
          ? 'no alarms waiting'
          : `${waiting} ${waiting === 1 ? 'chair has' : 'chairs have'} alarms to acknowledge`;
  }
  return (
    <header className="ward__head">
      <h1 id="ward-title">Ward</h1>
      <span className="ward__summary" data-testid="ward-summary" aria-live="polite">
        {summary}
      </span>
      <p className="ward__keys" id="ward-keys">
        <span className="visually-hidden">Keyboard: </span>
        <ArrowKey symbol="←" name="Left" />
        <ArrowKey symbol="→" name="Right" />
        <ArrowKey symbol="↑" name="Up" />
        <ArrowKey symbol="↓" name="Down" /> move between chairs · <kbd>Enter</kbd> open · <kbd>A</kbd> acknowledge
      </p>
      <Link to="/" className="ward__list-link">
        Session list
      </Link>
    </header>
  );
}

/** An arrow key in the legend: drawn as the arrow, read as its name. */
function ArrowKey({ symbol, name }: { symbol: string; name: string }) {
  return (
    <kbd>
      <span aria-hidden="true">{symbol}</span>
      <span className="visually-hidden">{name} arrow</span>
    </kbd>
  );
}

function WardGrid({ data, acks, store }: { data: WardData; acks: ReadonlyMap<string, AckStatus>; store: WardStore }) {
  const areaRef = useRef<HTMLDivElement>(null);
  const { width, height } = useElementSize(areaRef);
  const tiles = useMemo(() => orderTiles(data.tiles.values()), [data.tiles]);
  const layout = wardLayout(tiles.length, width, height, TILE_GAP);
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const tabStop = tiles.some((t) => t.session.id === focusedId) ? focusedId : (tiles[0]?.session.id ?? null);

  const drawn = tiles.length > 0 && width > 0;
  const marked = useRef(false);
  useEffect(() => {
    if (!drawn || marked.current) return;
    marked.current = true;
    performance.mark(WARD_MARKS.firstRender);
  }, [drawn]);
  const acknowledge = useCallback((sessionId: string) => void store.acknowledgeTop(sessionId), [store]);

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target as HTMLElement;
    const tileElement = target.closest<HTMLElement>('[data-testid="ward-tile"]');
    const sessionId = tileElement?.dataset.sessionId;
    if (!sessionId) return;
    if (event.key === 'a' || event.key === 'A') {
      event.preventDefault();
      acknowledge(sessionId);
      return;
    }
    if (!isNavigationKey(event.key)) return;
    event.preventDefault();
    const index = tiles.findIndex((t) => t.session.id === sessionId);
    const next = tiles[nextTileIndex(index, event.key, tiles.length, layout.columns)];
    if (!next) return;
    setFocusedId(next.session.id);
    const links = event.currentTarget.querySelectorAll<HTMLElement>('[data-ward-tile-link]');
    links[tiles.indexOf(next)]?.focus();
  };

  const onFocus = (event: FocusEvent<HTMLUListElement>) => {
    const sessionId = event.target.closest<HTMLElement>('[data-testid="ward-tile"]')?.dataset.sessionId;
    if (sessionId && sessionId !== focusedId) setFocusedId(sessionId);
  };

  return (
    <div className="ward__area" ref={areaRef}>
      {tiles.length === 0 && <p className="ward__empty">No chairs are being monitored.</p>}
      {/* Drawn once the area is measured, so two dozen tiles are not laid out twice. */}
      {drawn && (
        <ul
          className="ward-grid"
          data-testid="ward-grid"
          data-columns={layout.columns}
          aria-label="Chairs, most urgent first"
          aria-describedby="ward-keys"
          style={{
            gridTemplateColumns: `repeat(${layout.columns}, minmax(0, 1fr))`,
            gridAutoRows: `${layout.rowHeight}px`,
            gap: `${TILE_GAP}px`,
          }}
          onKeyDown={onKeyDown}
          onFocus={onFocus}
        >
          {tiles.map((tile) => (
            <WardTile
              key={tile.session.id}
              tile={tile}
              tabbable={tile.session.id === tabStop}
              ack={acks.get(tile.session.id)}
              onAcknowledge={acknowledge}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
