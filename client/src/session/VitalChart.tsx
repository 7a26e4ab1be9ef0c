import type { VitalLimits } from '@infusion/shared';
import { memo, useId, useMemo, useRef } from 'react';
import { ClockAxis, ValueAxis } from './ChartAxes';
import { linearScale, linePath, plotArea } from './chartGeometry';
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

/** Space a marker's label keeps from its line and from the top of the plot. */
const LABEL_OFFSET = 5;
const DOT_RADIUS = 2.5;

/**
 * Fifteen minutes of one vital (or of SBP and DBP together), with its alarm zones shaded:
 * yellow for medium, red for high. Plain SVG, each line thinned to about one point per
 * pixel, so all four charts can move with the clock every second without holding up the
 * big numbers; re-rendered only when its data or window moves.
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
  const clipId = useId();
  const { width, height } = useElementSize(plotRef);
  const from = windowEnd - CHART_WINDOW_MS;
  const area = plotArea(width, height);
  const plotWidth = Math.max(60, area.right - area.left);

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
  // A label is about 130 px wide: entries closer than that on screen share one label.
  const labels = useMemo(() => markerLabels(markers, (130 * CHART_WINDOW_MS) / plotWidth), [markers, plotWidth]);

  const x = linearScale([from, windowEnd], [area.left, area.right]);
  const y = linearScale(domain, [area.bottom, area.top]);
  const [lo, hi] = domain;

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
            <svg className="vital-chart__svg" width={width} height={height} aria-hidden="true" focusable="false">
              <defs>
                <clipPath id={clipId}>
                  <rect x={area.left} y={area.top} width={area.right - area.left} height={area.bottom - area.top} />
                </clipPath>
              </defs>
              <ValueAxis area={area} y={y} ticks={yTicks} />
              <g clipPath={`url(#${clipId})`}>
                {bands.map((band) => (
                  <rect
                    key={`${band.zone}-${band.y1}-${band.y2}`}
                    className="vital-chart__zone"
                    x={area.left}
                    width={area.right - area.left}
                    y={y(band.y2)}
                    height={y(band.y1) - y(band.y2)}
                    fill={ZONE_FILL[band.zone]}
                    fillOpacity={band.zone === 'high' ? 0.22 : 0.16}
                  />
                ))}
                {dashed
                  .filter((line) => line.y >= lo && line.y <= hi)
                  .map((line) => (
                    <line
                      key={`${line.zone}-${line.y}`}
                      x1={area.left}
                      x2={area.right}
                      y1={y(line.y)}
                      y2={y(line.y)}
                      stroke={ZONE_FILL[line.zone]}
                      strokeDasharray="6 4"
                      strokeOpacity={0.8}
                    />
                  ))}
                {lines.map((line, i) => {
                  const data = series[i] ?? [];
                  return (
                    <g key={line.key}>
                      <path
                        className="vital-chart__line"
                        d={linePath(data, x, y)}
                        fill="none"
                        stroke={line.colour}
                        strokeWidth={2}
                        strokeLinejoin="round"
                      />
                      {isSparse(data) &&
                        data.map((p, at) =>
                          p.v === null ? null : (
                            <circle key={at} cx={x(p.t)} cy={y(p.v)} r={DOT_RADIUS} fill={line.colour} />
                          ),
                        )}
                    </g>
                  );
                })}
              </g>
              {markers.map((marker) => {
                const at = x(marker.t);
                const label = labelMarkers ? labels.get(marker.id) : undefined;
                // Written away from the nearer edge, so a recent entry is not cut off.
                const leftOfLine = marker.t > from + CHART_WINDOW_MS / 2;
                return (
                  <g key={`marker-${marker.id}`} className="chart-marker">
                    <line
                      x1={at}
                      x2={at}
                      y1={area.top}
                      y2={area.bottom}
                      stroke={MARKER_COLOUR[marker.kind]}
                      strokeDasharray="3 3"
                    />
                    {label !== undefined && (
                      <text
                        x={leftOfLine ? at - LABEL_OFFSET : at + LABEL_OFFSET}
                        y={area.top + LABEL_OFFSET}
                        dy="0.71em"
                        textAnchor={leftOfLine ? 'end' : 'start'}
                        fill={MARKER_COLOUR[marker.kind]}
                        fontSize={11}
                      >
                        {label}
                      </text>
                    )}
                  </g>
                );
              })}
              <ClockAxis area={area} x={x} ticks={ticks} />
            </svg>
          )}
        </div>
      </div>
    </figure>
  );
});
