/**
 * A KPI's trend line: the domain draws the points (trendSegments breaks the
 * line at days without readings, so a gap is never bridged as if measured);
 * this only wraps them in an SVG with the target as a dashed line.
 */
import { memo } from 'preact/compat';
import { trendScale, trendSegments, type KpiTrendSeries } from '../../domain/board/kpi-trend.ts';

export interface SparklineProps {
  series: KpiTrendSeries;
  /** The dashed target line; none where the days' values have no target of their own (a day's sum of a per-shift target). */
  target: number | null;
  width: number;
  height: number;
  label: string;
  class?: string;
}

function SparklineImpl({ series, target, width, height, label, class: cls }: SparklineProps) {
  const scale = trendScale(series, target ?? undefined);
  const segments = scale ? trendSegments(series, width, height, scale) : [];
  const targetY = scale && target !== null ? height - ((target - scale.min) / (scale.max - scale.min)) * height : null;
  return (
    <svg class={`board-spark ${cls ?? ''}`} viewBox={`-2 -2 ${width + 4} ${height + 4}`} preserveAspectRatio="none" role="img" aria-label={label}>
      {targetY !== null && <line class="board-spark-target" x1="0" x2={width} y1={targetY} y2={targetY} vector-effect="non-scaling-stroke" />}
      {segments.map((points, i) =>
        points.includes(' ') ? (
          <polyline key={i} class="board-spark-line" points={points} vector-effect="non-scaling-stroke" />
        ) : (
          <circle key={i} class="board-spark-dot" cx={points.split(',')[0]} cy={points.split(',')[1]} r="1.5" />
        ),
      )}
    </svg>
  );
}

export const Sparkline = memo(SparklineImpl);
