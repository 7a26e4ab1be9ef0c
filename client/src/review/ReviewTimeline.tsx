import { VITALS, type ClinicalEvent, type ThresholdProfile, type VitalCode } from '@infusion/shared';
import { useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { chartMarkers, type ChartMarker } from '../session/chartMarkers';
import { useElementSize } from '../session/useElementSize';
import { formatClock, formatClockSeconds } from '../time/format';
import { alarmEnd, type AlarmLogRow } from './alarmLog';
import { PRIORITY_COLOUR, REVIEW_CHARTS, type ReviewChartSpec } from './charts';
import { formatSeconds } from './format';
import { PLOT_MARGIN, ReviewPlot, X_AXIS_HEIGHT, Y_AXIS_WIDTH, type AlarmSpan, type PlotLine } from './ReviewPlot';
import { groupMarkers, markersNear, placeMarkerLabels, type PlacedMarker } from './markers';
import {
  bucketWidth,
  formatBucket,
  resolutionText,
  reviewRows,
  rowNear,
  type Resolution,
  type ReviewRow,
} from './series';
import { usePrinting } from './usePrinting';
import { useSeries, type ShownSeries } from './useSeries';
import { isWhole, pan, pixelToTime, reviewTimeTicks, selectionToRange, zoomIn, zoomOut, type TimeRange } from './zoom';

const CHART_HEIGHT = 180;
/** A4 portrait less 12 mm margins either side, in CSS pixels (96 per inch). */
const PRINT_CHART_WIDTH = 700;
const PRINT_CHART_HEIGHT = 140;
const MINUTE = 60_000;

/** The plot's width for a chart `width` wide; the series is asked for one point per pixel of it. */
function plotWidthOf(width: number): number {
  return Math.max(0, width - Y_AXIS_WIDTH - PLOT_MARGIN.left - PLOT_MARGIN.right);
}

/** Points asked per vital: the plot's pixel width, in steps of 20 so a small resize does not refetch. */
function maxPointsFor(width: number): number {
  const w = plotWidthOf(width);
  return w <= 0 ? 0 : Math.min(5000, Math.max(10, Math.floor(w / 20) * 20));
}

interface Drag {
  /** Where the drag started and where the pointer is, in plot pixels. */
  x1: number;
  x2: number;
  /** The stretch the dragged surface shows (a chart: the view; the overview: the whole session). */
  over: TimeRange;
  width: number;
}

/**
 * The whole session on one time axis: every vital, the alarms as spans over the time they
 * sounded, charted entries as lines. Drag across a chart (or the overview) to zoom in; the
 * readings are fetched again for the stretch, exact once few enough.
 */
export function ReviewTimeline({
  sessionId,
  full,
  view,
  onView,
  profile,
  alarms,
  clinicalEvents,
}: {
  sessionId: string;
  full: TimeRange;
  view: TimeRange;
  onView: (view: TimeRange) => void;
  profile: ThresholdProfile;
  alarms: readonly AlarmLogRow[];
  clinicalEvents: readonly ClinicalEvent[];
}) {
  const boxRef = useRef<HTMLDivElement>(null);
  const { width: boxWidth } = useElementSize(boxRef);
  const printing = usePrinting();
  // Each chart's frame has a 1 px border either side and no padding. On paper the charts are
  // drawn at the page's width, from the readings already loaded for the screen.
  const screenWidth = Math.max(0, boxWidth - 2);
  const width = printing ? PRINT_CHART_WIDTH : screenWidth;
  const chartHeight = printing ? PRINT_CHART_HEIGHT : CHART_HEIGHT;
  const { shown, loading, error, retry } = useSeries(sessionId, view, maxPointsFor(screenWidth), printing);
  const [drag, setDrag] = useState<Drag | null>(null);
  const [hover, setHover] = useState<Hover | null>(null);

  const whole = isWhole(view, full);
  const range = shown?.range ?? view;
  const summary = useMemo(() => (shown ? overallResolution(shown) : null), [shown]);

  const startDrag = (over: TimeRange) => (e: ReactPointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    const box = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - box.left;
    e.currentTarget.setPointerCapture(e.pointerId);
    setDrag({ x1: x, x2: x, over, width: box.width });
  };
  const moveDrag = (over: TimeRange) => (e: ReactPointerEvent<HTMLDivElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const x = Math.min(box.width, Math.max(0, e.clientX - box.left));
    if (drag) setDrag({ ...drag, x2: x });
    else if (over !== full) setHover({ x, t: pixelToTime(x, box.width, over) });
  };
  const endDrag = () => {
    setHover(null);
    if (!drag) return;
    const next = selectionToRange(drag.x1, drag.x2, drag.width, drag.over, full);
    setDrag(null);
    if (next) onView(next);
  };
  const dragHandlers = (over: TimeRange): DragHandlers => ({
    onPointerDown: startDrag(over),
    onPointerMove: moveDrag(over),
    onPointerUp: endDrag,
    onPointerCancel: () => setDrag(null),
    onPointerLeave: () => setHover(null),
  });

  return (
    <section
      className="review-timeline"
      aria-labelledby="review-timeline-title"
      data-testid="review-timeline"
      data-from={range.from}
      data-to={range.to}
      data-loading={loading}
    >
      <div className="review-timeline__head">
        <h2 id="review-timeline-title">Vitals, alarms and charted entries</h2>
        <p className="review-timeline__range" data-testid="review-range">
          {formatClockSeconds(range.from)} – {formatClockSeconds(range.to)}{' '}
          <span className="muted">({formatSeconds((range.to - range.from) / 1000)})</span>
          <span className="muted">{isWhole(range, full) ? ' · whole session' : ' · zoomed in'}</span>
        </p>
        {summary && (
          <p
            className={`review-resolution review-resolution--${summary.kind}`}
            data-testid="review-resolution"
            aria-live="polite"
          >
            {summary.text}
          </p>
        )}
        {loading && <span className="muted review-timeline__loading">Loading readings…</span>}
      </div>
      <div className="review-toolbar no-print" role="toolbar" aria-label="Zoom the charts">
        <button
          type="button"
          className="button button--quiet"
          onClick={() => onView(pan(view, full, -0.5))}
          disabled={whole || view.from <= full.from}
        >
          ‹ Earlier
        </button>
        <button type="button" className="button button--quiet" onClick={() => onView(zoomIn(view, full))}>
          Zoom in
        </button>
        <button
          type="button"
          className="button button--quiet"
          onClick={() => onView(zoomOut(view, full))}
          disabled={whole}
        >
          Zoom out
        </button>
        <button type="button" className="button button--quiet" onClick={() => onView(full)} disabled={whole}>
          Whole session
        </button>
        <button
          type="button"
          className="button button--quiet"
          onClick={() => onView(pan(view, full, 0.5))}
          disabled={whole || view.to >= full.to}
        >
          Later ›
        </button>
        <span className="muted review-toolbar__hint">Drag across a chart to zoom in on a stretch.</span>
      </div>
      {error && (
        <div className="notice notice--error" role="alert">
          Could not load the readings: {error}.{' '}
          <button type="button" className="button" onClick={retry}>
            Try again
          </button>
        </div>
      )}
      <Overview
        full={full}
        view={view}
        alarms={alarms}
        drag={drag?.over === full ? drag : null}
        handlers={dragHandlers(full)}
      />
      <div ref={boxRef} className="review-charts">
        {shown &&
          width > 0 &&
          REVIEW_CHARTS.map((spec, i) => (
            <ChartFrame
              key={spec.name}
              spec={spec}
              shown={shown}
              profile={profile}
              alarms={alarms}
              clinicalEvents={clinicalEvents}
              width={width}
              height={chartHeight}
              labelMarkers={i === 0}
              drag={drag?.over === range ? drag : null}
              hover={drag ? null : hover}
              handlers={dragHandlers(range)}
            />
          ))}
        {!shown && !error && <p className="muted">Loading readings…</p>}
      </div>
      <MarkerLegend />
    </section>
  );
}

/** What the charts show overall: exact when every vital is. */
function overallResolution(shown: ShownSeries): { kind: 'exact' | 'downsampled' | 'empty'; text: string } {
  const bucketMs = bucketWidth(shown.range.from, shown.range.to, shown.maxPoints);
  const all = Object.values(shown.series.series);
  if (all.every((points) => points.length === 0)) return { kind: 'empty', text: 'No readings in this stretch' };
  return all.every((points) => points.every((p) => p.n <= 1))
    ? { kind: 'exact', text: 'Exact readings' }
    : { kind: 'downsampled', text: `Downsampled: min/max per ${formatBucket(bucketMs)}` };
}

interface DragHandlers {
  onPointerDown: (e: ReactPointerEvent<HTMLDivElement>) => void;
  onPointerMove: (e: ReactPointerEvent<HTMLDivElement>) => void;
  onPointerUp: () => void;
  onPointerCancel: () => void;
  onPointerLeave: () => void;
}

/** Where the pointer rests over the charts: one cursor across all of them. */
interface Hover {
  x: number;
  t: number;
}

function ChartFrame({
  spec,
  shown,
  profile,
  alarms,
  clinicalEvents,
  width,
  height,
  labelMarkers,
  drag,
  hover,
  handlers,
}: {
  spec: ReviewChartSpec;
  shown: ShownSeries;
  profile: ThresholdProfile;
  alarms: readonly AlarmLogRow[];
  clinicalEvents: readonly ClinicalEvent[];
  width: number;
  height: number;
  labelMarkers: boolean;
  drag: Drag | null;
  hover: Hover | null;
  handlers: DragHandlers;
}) {
  const { range } = shown;
  const bucketMs = bucketWidth(range.from, range.to, shown.maxPoints);
  const lines = useMemo<PlotLine[]>(
    () =>
      spec.vitals.map((v) => {
        const { rows, resolution } = reviewRows(shown.series.series[v.code] ?? [], bucketMs);
        return { key: v.code, label: v.label, colour: v.colour, rows, exact: resolution.exact };
      }),
    [spec, shown, bucketMs],
  );
  const resolution: Resolution | null = lines.every((l) => l.rows.length === 0)
    ? null
    : lines.every((l) => l.exact)
      ? { exact: true }
      : { exact: false, bucketMs };
  const plotWidth = plotWidthOf(width);
  const msPerPx = (range.to - range.from) / Math.max(1, plotWidth);
  const markers = useMemo<PlacedMarker[]>(() => {
    // Entries at the same moment (within 4 px) are one line with one label.
    const all = groupMarkers(chartMarkers(clinicalEvents, range.from, range.to), msPerPx * 4);
    return labelMarkers
      ? placeMarkerLabels(all, range.from, msPerPx, plotWidth)
      : all.map((m) => ({ ...m, align: null }));
  }, [clinicalEvents, range, labelMarkers, msPerPx, plotWidth]);
  const spans = useMemo<AlarmSpan[]>(
    () =>
      alarms
        .filter((a) => a.vital !== null && spec.alarmVitals.includes(a.vital))
        .map((a) => ({ id: a.id, from: a.raisedAt, to: alarmEnd(a) ?? range.to, priority: a.priority }))
        .filter((a) => a.to >= range.from && a.from <= range.to),
    [alarms, spec, range],
  );
  // Clock labels with seconds are about 60 px wide: one every 110 px leaves room between.
  const { ticks, stepMs } = useMemo(
    () => reviewTimeTicks(range, Math.max(2, Math.floor(plotWidth / 110))),
    [range, plotWidth],
  );
  const first = lines[0];
  const [bandLimits, lineLimits] = [
    profile.vitals[spec.vitals[0]?.code ?? 'hr'],
    spec.vitals[1] && profile.vitals[spec.vitals[1].code],
  ];
  const readingCount = first ? first.rows.filter((r) => r.mean !== null).length : 0;

  return (
    <figure
      className={`vital-chart review-chart review-chart--${spec.name}`}
      data-testid={`review-chart-${spec.name}`}
      data-resolution={resolution === null ? 'empty' : resolution.exact ? 'exact' : 'downsampled'}
      data-points={readingCount}
    >
      <figcaption className="vital-chart__caption">
        <span className="vital-chart__title">{spec.title}</span>
        <span className="vital-chart__unit">{spec.unit}</span>
        {lines.length > 1 &&
          lines.map((line) => (
            <span key={line.key} className="vital-chart__legend">
              <span
                className={`vital-chart__swatch review-swatch--${line.key}`}
                style={{ background: line.colour }}
                aria-hidden="true"
              />
              {line.label}
            </span>
          ))}
        <span
          className={`vital-chart__window review-chart__resolution${resolution && !resolution.exact ? ' review-chart__resolution--downsampled' : ''}`}
        >
          {resolution === null ? 'no readings in this stretch' : resolutionText(resolution)}
        </span>
      </figcaption>
      <div
        className="review-chart__plot"
        style={{ height }}
        role="img"
        aria-label={`${spec.title} from ${formatClockSeconds(range.from)} to ${formatClockSeconds(range.to)}, ${
          resolution === null ? 'no readings' : resolutionText(resolution)
        }, with alarm zones, alarms and charted entries`}
      >
        <ReviewPlot
          lines={lines}
          bandLimits={bandLimits}
          lineLimits={lineLimits}
          plausible={spec.plausible}
          range={range}
          ticks={ticks}
          showSeconds={stepMs < MINUTE}
          width={width}
          height={height}
          markers={markers}
          alarms={spans}
        />
        <div
          className="review-drag no-print"
          data-testid="review-drag"
          style={{
            left: Y_AXIS_WIDTH + PLOT_MARGIN.left,
            right: PLOT_MARGIN.right,
            top: PLOT_MARGIN.top,
            bottom: X_AXIS_HEIGHT,
          }}
          {...handlers}
        >
          {drag && <Selection drag={drag} />}
          {hover && (
            <Readout
              hover={hover}
              lines={lines}
              plotWidth={plotWidth}
              nearMs={Math.max(bucketMs, msPerPx * 8)}
              entries={labelMarkers ? markersNear(markers, hover.t, msPerPx * 6) : []}
            />
          )}
        </div>
      </div>
    </figure>
  );
}

/** The values under the cursor: a reading as measured, or an interval's lowest to highest. */
function Readout({
  hover,
  lines,
  plotWidth,
  nearMs,
  entries,
}: {
  hover: Hover;
  lines: readonly PlotLine[];
  plotWidth: number;
  nearMs: number;
  /** Charted entries under the cursor, whose labels may not fit on the chart. */
  entries: readonly ChartMarker[];
}) {
  const found = lines.map((line) => ({ line, row: rowNear(line.rows, hover.t, nearMs) }));
  const at = found.find((f) => f.row !== null)?.row ?? null;
  const onRight = hover.x > plotWidth / 2;
  return (
    <>
      <div className="review-cursor" style={{ left: hover.x }} aria-hidden="true" />
      {at && (
        <div
          className="review-readout"
          style={onRight ? { right: plotWidth - hover.x + 8 } : { left: hover.x + 8 }}
          data-testid="review-readout"
        >
          <span className="review-readout__time">{formatClockSeconds(at.t)}</span>
          {found.map(({ line, row }) => (
            <span key={line.key} className="review-readout__value" style={{ color: line.colour }}>
              {line.label} {row === null ? '–' : readoutValue(line.key as VitalCode, row)}
            </span>
          ))}
          {entries.map((e) => (
            <span key={e.id} className="review-readout__entry">
              {formatClock(e.t)} {e.label}
            </span>
          ))}
        </div>
      )}
    </>
  );
}

function readoutValue(vital: VitalCode, row: ReviewRow): string {
  const decimals = VITALS[vital].decimals;
  if (row.band)
    return `${row.band[0].toFixed(decimals)}–${row.band[1].toFixed(decimals)} (mean ${(row.mean ?? 0).toFixed(decimals + 1)})`;
  return (row.mean ?? 0).toFixed(decimals);
}

function Selection({ drag }: { drag: Drag }) {
  const left = Math.min(drag.x1, drag.x2);
  const w = Math.abs(drag.x2 - drag.x1);
  return <div className="review-drag__selection" style={{ left, width: w }} aria-hidden="true" />;
}

/** The whole session as a strip: where the charts are zoomed to, and where the alarms were. */
function Overview({
  full,
  view,
  alarms,
  drag,
  handlers,
}: {
  full: TimeRange;
  view: TimeRange;
  alarms: readonly AlarmLogRow[];
  drag: Drag | null;
  handlers: DragHandlers;
}) {
  const span = Math.max(1, full.to - full.from);
  const pct = (t: number) => `${(Math.min(Math.max(t - full.from, 0), span) / span) * 100}%`;
  const widthPct = (a: number, b: number) =>
    `${Math.max(0.3, ((Math.min(b, full.to) - Math.max(a, full.from)) / span) * 100)}%`;
  return (
    <div className="review-overview no-print">
      <span className="review-overview__end">{formatClock(full.from)}</span>
      <div className="review-overview__track" data-testid="review-overview" {...handlers}>
        {alarms.map((a) => (
          <span
            key={a.id}
            className={`review-overview__alarm review-overview__alarm--${a.priority}`}
            style={{
              left: pct(a.raisedAt),
              width: widthPct(a.raisedAt, alarmEnd(a) ?? full.to),
              background: PRIORITY_COLOUR[a.priority],
            }}
            title={a.worstMessage ?? a.message}
          />
        ))}
        <span className="review-overview__view" style={{ left: pct(view.from), width: widthPct(view.from, view.to) }} />
        {drag && <Selection drag={drag} />}
      </div>
      <span className="review-overview__end">{formatClock(full.to)}</span>
    </div>
  );
}

function MarkerLegend() {
  return (
    <p className="review-legend">
      <span className="review-legend__item">
        <span className="review-legend__band" aria-hidden="true" /> shaded band: lowest to highest reading of each
        interval (downsampled)
      </span>
      <span className="review-legend__item">
        <span className="review-legend__alarm review-legend__alarm--high" aria-hidden="true" />
        <span className="review-legend__alarm review-legend__alarm--medium" aria-hidden="true" /> alarm sounding (high,
        medium)
      </span>
      <span className="review-legend__item">
        <span className="review-legend__marker" aria-hidden="true" /> charted entry
      </span>
    </p>
  );
}
