import { formatClock } from '../time/format';
import { labelledTicks, type PlotArea, type Scale } from './chartGeometry';

const AXIS_COLOUR = '#94a3b8';
const GRID_COLOUR = '#1e293b';
const TICK_LENGTH = 6;
/** Space between a tick and its label. */
const LABEL_GAP = 2;
const FONT_SIZE = 12;
/** Least room between two value labels: their height and a little air. */
const MIN_LABEL_GAP = FONT_SIZE + 5;

/** The value axis on the left, with a faint grid line across the plot at each of its ticks. */
export function ValueAxis({ area, y, ticks }: { area: PlotArea; y: Scale; ticks: readonly number[] }) {
  const { left, right, top, bottom } = area;
  const labelled = labelledTicks(ticks, y, MIN_LABEL_GAP);
  return (
    <g className="vital-chart__axis vital-chart__axis--value">
      {ticks.map((tick) => {
        const at = y(tick);
        return <line key={tick} x1={left} x2={right} y1={at} y2={at} stroke={GRID_COLOUR} />;
      })}
      {labelled.map((tick) => {
        const at = y(tick);
        return (
          <g key={tick}>
            <line x1={left - TICK_LENGTH} x2={left} y1={at} y2={at} stroke={AXIS_COLOUR} />
            <text
              x={left - TICK_LENGTH - LABEL_GAP}
              y={at}
              dy="0.355em"
              textAnchor="end"
              fill={AXIS_COLOUR}
              fontSize={FONT_SIZE}
            >
              {tick}
            </text>
          </g>
        );
      })}
      <line x1={left} x2={left} y1={top} y2={bottom} stroke={AXIS_COLOUR} />
    </g>
  );
}

/** The clock axis underneath, labelled in the ward's local time. */
export function ClockAxis({ area, x, ticks }: { area: PlotArea; x: Scale; ticks: readonly number[] }) {
  const { left, right, bottom } = area;
  return (
    <g className="vital-chart__axis vital-chart__axis--clock">
      {ticks.map((tick) => {
        const at = x(tick);
        return (
          <g key={tick}>
            <line x1={at} x2={at} y1={bottom} y2={bottom + TICK_LENGTH} stroke={AXIS_COLOUR} />
            <text
              x={at}
              y={bottom + TICK_LENGTH + LABEL_GAP}
              dy="0.71em"
              textAnchor="middle"
              fill={AXIS_COLOUR}
              fontSize={FONT_SIZE}
            >
              {formatClock(tick)}
            </text>
          </g>
        );
      })}
      <line x1={left} x2={right} y1={bottom} y2={bottom} stroke={AXIS_COLOUR} />
    </g>
  );
}
