import type { VitalLimits } from '@infusion/shared';
import { memo, useMemo } from 'react';
import { Area, CartesianGrid, ComposedChart, Line, ReferenceArea, ReferenceLine, XAxis, YAxis } from 'recharts';
import { formatClock, formatClockSeconds } from '../time/format';
import { limitValues, valueDomain, valueTicks } from '../session/chartScale';
import { limitLines, thresholdBands } from '../session/thresholdBands';
import { MARKER_COLOUR, ZONE_FILL } from '../session/vitalDisplay';
import { PRIORITY_COLOUR } from './charts';
import type { PlacedMarker } from './markers';
import { rowValues, type ReviewRow } from './series';
import type { TimeRange } from './zoom';

/** Layout shared with the drag layer, so a pixel maps to the same time on both. */
export const PLOT_MARGIN = { top: 8, right: 14, bottom: 0, left: 0 } as const;
export const Y_AXIS_WIDTH = 48;
export const X_AXIS_HEIGHT = 22;

export interface PlotLine {
  key: string;
  label: string;
  colour: string;
  rows: readonly ReviewRow[];
  exact: boolean;
}

/** An alarm drawn as a span over the time it sounded. */
export interface AlarmSpan {
  id: string;
  from: number;
  to: number;
  priority: 'low' | 'medium' | 'high';
}

export interface ReviewPlotProps {
  lines: readonly PlotLine[];
  bandLimits: VitalLimits | undefined;
  lineLimits?: VitalLimits | undefined;
  plausible: { min: number; max: number };
  range: TimeRange;
  ticks: readonly number[];
  showSeconds: boolean;
  width: number;
  height: number;
  markers: readonly PlacedMarker[];
  alarms: readonly AlarmSpan[];
}

const AXIS_COLOUR = '#94a3b8';
const GRID_COLOUR = '#1e293b';
const TICK_STYLE = { fill: AXIS_COLOUR, fontSize: 12 };
const BAND_KEY = 'band';
const MEAN_KEY = 'mean';

/**
 * One review chart: a min/max band with the bucket means when downsampled (so a dip is
 * never averaged away), or every reading as measured (dotted when there is room to see each).
 * Memoised: dragging a selection over it does not redraw it.
 */
export const ReviewPlot = memo(function ReviewPlot({
  lines,
  bandLimits,
  lineLimits,
  plausible,
  range,
  ticks,
  showSeconds,
  width,
  height,
  markers,
  alarms,
}: ReviewPlotProps) {
  const domain = useMemo(() => {
    const values = lines.flatMap((l) => rowValues(l.rows));
    return valueDomain(values, [...limitValues(bandLimits), ...limitValues(lineLimits)], plausible);
  }, [lines, bandLimits, lineLimits, plausible]);
  const bands = useMemo(() => thresholdBands(bandLimits, domain), [bandLimits, domain]);
  const dashed = useMemo(() => limitLines(lineLimits), [lineLimits]);
  const yTicks = useMemo(() => valueTicks(domain), [domain]);
  const xDomain = useMemo(() => [range.from, range.to], [range]);
  const plotWidth = width - Y_AXIS_WIDTH - PLOT_MARGIN.right;

  return (
    <ComposedChart width={width} height={height} margin={PLOT_MARGIN} accessibilityLayer={false}>
      <CartesianGrid stroke={GRID_COLOUR} vertical={false} />
      <XAxis
        dataKey="t"
        type="number"
        scale="time"
        domain={xDomain}
        ticks={ticks as number[]}
        tickFormatter={showSeconds ? formatClockSeconds : formatClock}
        allowDataOverflow
        stroke={AXIS_COLOUR}
        tick={TICK_STYLE}
        height={X_AXIS_HEIGHT}
      />
      <YAxis
        type="number"
        domain={domain}
        allowDataOverflow
        width={Y_AXIS_WIDTH}
        ticks={yTicks}
        stroke={AXIS_COLOUR}
        tick={TICK_STYLE}
      />
      {bands.map((band) => (
        <ReferenceArea
          key={`${band.zone}-${band.y1}-${band.y2}`}
          className={`review-zone review-zone--${band.zone}`}
          y1={band.y1}
          y2={band.y2}
          fill={ZONE_FILL[band.zone]}
          fillOpacity={band.zone === 'high' ? 0.18 : 0.12}
          stroke="none"
          ifOverflow="hidden"
        />
      ))}
      {dashed.map((line) => (
        <ReferenceLine
          key={`${line.zone}-${line.y}`}
          y={line.y}
          stroke={ZONE_FILL[line.zone]}
          strokeDasharray="6 4"
          strokeOpacity={0.8}
          ifOverflow="hidden"
        />
      ))}
      {alarms.map((alarm) => (
        <ReferenceArea
          key={`alarm-${alarm.id}`}
          className={`review-alarm review-alarm--${alarm.priority}`}
          x1={Math.max(alarm.from, range.from)}
          x2={Math.min(Math.max(alarm.to, alarm.from + 1000), range.to)}
          fill={PRIORITY_COLOUR[alarm.priority]}
          fillOpacity={0.16}
          stroke={PRIORITY_COLOUR[alarm.priority]}
          strokeOpacity={0.7}
          ifOverflow="hidden"
        />
      ))}
      {markers.map((marker) => (
        <ReferenceLine
          key={`marker-${marker.id}`}
          className={`review-marker review-marker--${marker.kind}`}
          x={marker.t}
          stroke={MARKER_COLOUR[marker.kind]}
          // Scores and notes come every few minutes: fainter, so they do not fence the chart in.
          strokeOpacity={marker.kind === 'score' || marker.kind === 'note' ? 0.4 : 0.9}
          strokeDasharray="3 3"
          ifOverflow="hidden"
          label={
            marker.align
              ? {
                  value: marker.label,
                  position: marker.align === 'left' ? 'insideTopLeft' : 'insideTopRight',
                  fill: MARKER_COLOUR[marker.kind],
                  fontSize: 11,
                }
              : undefined
          }
        />
      ))}
      {lines.map((line) =>
        line.exact ? null : (
          <Area
            key={`${line.key}-band`}
            className={`review-band review-band--${line.key}`}
            data={line.rows as ReviewRow[]}
            dataKey={BAND_KEY}
            type="linear"
            stroke="none"
            fill={line.colour}
            fillOpacity={0.35}
            connectNulls={false}
            isAnimationActive={false}
            activeDot={false}
          />
        ),
      )}
      {lines.map((line) => {
        // Each reading gets a dot once there are at least 5 px per reading to see it.
        const dotted = line.exact && line.rows.length > 0 && line.rows.length <= plotWidth / 5;
        return (
          <Line
            key={`${line.key}-line`}
            className={`review-line review-line--${line.key}`}
            data={line.rows as ReviewRow[]}
            dataKey={MEAN_KEY}
            type="linear"
            stroke={line.colour}
            strokeWidth={line.exact ? 2 : 1.5}
            dot={dotted ? { r: 2.5, fill: line.colour, stroke: line.colour } : false}
            activeDot={false}
            connectNulls={false}
            isAnimationActive={false}
          />
        );
      })}
    </ComposedChart>
  );
});
