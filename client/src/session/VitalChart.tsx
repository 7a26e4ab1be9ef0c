import type { VitalLimits } from '@infusion/shared';
import { memo, useMemo, useRef } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, XAxis, YAxis } from 'recharts';
import { formatClock } from '../time/format';
import { limitValues, timeTicks, valueDomain, valueTicks } from './chartScale';
import { markerLabels, type ChartMarker } from './chartMarkers';
import { chartSeries, isSparse } from './chartSeries';
import { CHART_WINDOW_MS, type VitalPoint } from './readingBuffer';
import { limitLines, thresholdBands } from './thresholdBands';
import { useElementSize } from './useElementSize';
import { MARKER_COLOUR, ZONE_FILL } from './vitalDisplay';

/** One line of a chart: a vital's history. */
export interface ChartLineSpec {
  key: string;
  label: string;
  colour: string;
  points: readonly VitalPoint[];
}

export interface VitalChartProps {
  /** Used in the test id: `chart-${name}`. */
  name: string;
  title: string;
  unit: string;
  lines: readonly ChartLineSpec[];
  /** Limits drawn as shaded alarm zones. */
  bandLimits: VitalLimits | undefined;
  /** Limits of a second vital on the same chart, drawn as dashed lines (DBP under SBP's zones). */
  lineLimits?: VitalLimits | undefined;
  plausible: { min: number; max: number };
  /** Right edge of the time axis (server time of the last update). */
  windowEnd: number;
  /** Charted side effects, interventions and state changes, as vertical lines. */
  markers: readonly ChartMarker[];
  /** Whether to write what each marker is (on one chart only, to keep the others clear). */
  labelMarkers?: boolean;
}

const Y_AXIS_WIDTH = 44;
const AXIS_COLOUR = '#94a3b8';
const GRID_COLOUR = '#1e293b';
const TICK_STYLE = { fill: AXIS_COLOUR, fontSize: 12 };

/**
 * Fifteen minutes of one vital (or of SBP and DBP together), with its alarm zones shaded:
 * yellow for medium, red for high. Drawn without animation, downsampled to about one point
 * per pixel, and re-rendered only when its data or window moves.
 */
export const VitalChart = memo(function VitalChart({
  name,
  title,
  unit,
  lines,
  bandLimits,
  lineLimits,
  plausible,
  windowEnd,
  markers,
  labelMarkers = false,
}: VitalChartProps) {
  const plotRef = useRef<HTMLDivElement>(null);
  const { width, height } = useElementSize(plotRef);
  const from = windowEnd - CHART_WINDOW_MS;
  const plotWidth = Math.max(60, width - Y_AXIS_WIDTH - 12);

  const series = useMemo(
    () => lines.map((line) => chartSeries(line.points, from, windowEnd, plotWidth)),
    [lines, from, windowEnd, plotWidth],
  );
  const domain = useMemo(() => {
    const values: number[] = [];
    for (const s of series) for (const p of s) if (p.v !== null) values.push(p.v);
    return valueDomain(values, [...limitValues(bandLimits), ...limitValues(lineLimits)], plausible);
  }, [series, bandLimits, lineLimits, plausible]);
  const bands = useMemo(() => thresholdBands(bandLimits, domain), [bandLimits, domain]);
  const yTicks = useMemo(() => valueTicks(domain), [domain]);
  const dashed = useMemo(() => limitLines(lineLimits), [lineLimits]);
  const ticks = useMemo(() => timeTicks(from, windowEnd, Math.floor(plotWidth / 70)), [from, windowEnd, plotWidth]);
  const xDomain = useMemo(() => [from, windowEnd], [from, windowEnd]);
  // A label is about 130 px wide: entries closer than that on screen share one label.
  const labels = useMemo(() => markerLabels(markers, (130 * CHART_WINDOW_MS) / plotWidth), [markers, plotWidth]);

  return (
    <figure className={`vital-chart vital-chart--${name}`} data-testid={`chart-${name}`}>
      <figcaption className="vital-chart__caption">
        <span className="vital-chart__title">{title}</span>
        <span className="vital-chart__unit">{unit}</span>
        {lines.length > 1 &&
          lines.map((line) => (
            <span key={line.key} className="vital-chart__legend">
              <span className="vital-chart__swatch" style={{ background: line.colour }} aria-hidden="true" />
              {line.label}
            </span>
          ))}
        {dashed.length > 0 && (
          <span className="vital-chart__legend">
            <span className="vital-chart__swatch vital-chart__swatch--dashed" aria-hidden="true" />
            DBP limits {dashed.map((line) => line.label).join(', ')}
          </span>
        )}
        <span className="vital-chart__window">last 15 min</span>
      </figcaption>
      <div
        ref={plotRef}
        className="vital-chart__plot"
        role="img"
        aria-label={`${title}, last 15 minutes, with alarm zones`}
      >
        <div className="vital-chart__canvas">
          {width > 0 && height > 0 && (
            <LineChart
              width={width}
              height={height}
              margin={{ top: 6, right: 12, bottom: 0, left: 0 }}
              accessibilityLayer={false}
            >
              <CartesianGrid stroke={GRID_COLOUR} vertical={false} />
              <XAxis
                dataKey="t"
                type="number"
                scale="time"
                domain={xDomain}
                ticks={ticks}
                tickFormatter={formatClock}
                allowDataOverflow
                stroke={AXIS_COLOUR}
                tick={TICK_STYLE}
                height={22}
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
                  y1={band.y1}
                  y2={band.y2}
                  fill={ZONE_FILL[band.zone]}
                  fillOpacity={band.zone === 'high' ? 0.22 : 0.16}
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
              {markers.map((marker) => (
                <ReferenceLine
                  key={`marker-${marker.id}`}
                  className="chart-marker"
                  x={marker.t}
                  stroke={MARKER_COLOUR[marker.kind]}
                  strokeDasharray="3 3"
                  ifOverflow="hidden"
                  label={
                    labelMarkers && labels.has(marker.id)
                      ? {
                          value: labels.get(marker.id),
                          // Written away from the nearer edge, so a recent entry is not cut off.
                          position: marker.t > from + CHART_WINDOW_MS / 2 ? 'insideTopRight' : 'insideTopLeft',
                          fill: MARKER_COLOUR[marker.kind],
                          fontSize: 11,
                        }
                      : undefined
                  }
                />
              ))}
              {lines.map((line, i) => {
                const data = series[i] ?? [];
                return (
                  <Line
                    key={line.key}
                    name={line.label}
                    data={data}
                    dataKey="v"
                    type="linear"
                    stroke={line.colour}
                    strokeWidth={2}
                    dot={isSparse(data) ? { r: 2.5, fill: line.colour, stroke: line.colour } : false}
                    activeDot={false}
                    connectNulls={false}
                    isAnimationActive={false}
                  />
                );
              })}
            </LineChart>
          )}
        </div>
      </div>
    </figure>
  );
});
