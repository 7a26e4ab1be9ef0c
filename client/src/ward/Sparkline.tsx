import { memo, useMemo } from 'react';
import type { VitalPoint } from '../session/readingBuffer';
import { SPARK_HEIGHT, SPARK_WIDTH, sparkDomain, sparklinePoints } from './sparkline';

export interface SparkLine {
  key: string;
  colour: string;
  points: readonly VitalPoint[];
}

/**
 * A few minutes of one vital (or of SBP and DBP on one scale) as a plain SVG polyline.
 * Decorative for screen readers: the number beside it says the value.
 */
export const Sparkline = memo(function Sparkline({
  lines,
  from,
  to,
  minSpan,
}: {
  lines: readonly SparkLine[];
  from: number;
  to: number;
  minSpan: number;
}) {
  const drawn = useMemo(() => {
    const scale = { from, to, minSpan };
    const values: number[] = [];
    for (const line of lines) for (const p of line.points) if (p.t >= from && p.t <= to) values.push(p.v);
    const domain = sparkDomain(values, minSpan);
    return lines.map((line) => ({
      key: line.key,
      colour: line.colour,
      d: sparklinePoints(line.points, scale, domain),
    }));
  }, [lines, from, to, minSpan]);
  return (
    <svg
      className="sparkline"
      viewBox={`0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`}
      preserveAspectRatio="none"
      aria-hidden="true"
      focusable="false"
    >
      {drawn.map((line) =>
        line.d === '' ? null : (
          <polyline
            key={line.key}
            points={line.d}
            fill="none"
            stroke={line.colour}
            strokeWidth={2}
            strokeLinejoin="round"
            vectorEffect="non-scaling-stroke"
          />
        ),
      )}
    </svg>
  );
});
