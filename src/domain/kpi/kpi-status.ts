/**
 * Green, amber or red for a KPI reading: the colour every board shows.
 *
 * Threshold semantics (absolute values on the same scale as the target):
 *
 *   higher_is_better   redThreshold <= amberThreshold <= target
 *     value >= target                               green  (at target is on target)
 *     amberThreshold <= value < target              amber  (missed, within tolerance)
 *     value < amberThreshold, or value <= red       red
 *
 *   lower_is_better    target <= amberThreshold <= redThreshold   (mirror image)
 *     value <= target                               green
 *     target < value <= amberThreshold              amber
 *     value > amberThreshold, or value >= red       red
 *
 * So the amber band runs from the target (exclusive) to amberThreshold
 * (inclusive), and everything beyond it is red. redThreshold marks the
 * critical line the board draws; reaching it is always red, which matters
 * when a plant sets amber and red to the same number ("85 or better is
 * green, 80 to 85 amber, 80 itself is already red": target 85, amber 80,
 * red 80). Setting amberThreshold equal to target removes the amber band.
 *
 * No reading (null) or a number that is not finite shows 'none', never a colour.
 */
import type { KpiDefinition } from './kpi-types.ts';

export type KpiStatus = 'green' | 'amber' | 'red' | 'none';
export type ThresholdDef = Pick<KpiDefinition, 'direction' | 'target' | 'amberThreshold' | 'redThreshold'>;

export function kpiStatus(def: ThresholdDef, value: number | null): KpiStatus {
  if (value === null || !Number.isFinite(value)) return 'none';
  // Mirror lower-is-better onto higher-is-better by negating every number.
  const s = def.direction === 'higher_is_better' ? 1 : -1;
  const v = s * value;
  if (v <= s * def.redThreshold) return 'red';
  if (v >= s * def.target) return 'green';
  if (v >= s * def.amberThreshold) return 'amber';
  return 'red';
}

/**
 * Why a definition's thresholds do not make sense, or null when they do.
 * Used by the definition editor and by the server before accepting a definition.
 */
export function validateThresholds(def: ThresholdDef): string | null {
  const { target, amberThreshold: amber, redThreshold: red } = def;
  for (const [name, n] of [['Target', target], ['Amber threshold', amber], ['Red threshold', red]] as const) {
    if (!Number.isFinite(n)) return `${name} must be a number.`;
  }
  if (def.direction === 'higher_is_better') {
    if (amber > target) return `Higher is better: the amber threshold (${amber}) must not be above the target (${target}).`;
    if (red > amber) return `Higher is better: the red threshold (${red}) must not be above the amber threshold (${amber}).`;
    if (red === target) return `Higher is better: the red threshold (${red}) must be below the target (${target}), or the target itself would be red.`;
  } else if (def.direction === 'lower_is_better') {
    if (amber < target) return `Lower is better: the amber threshold (${amber}) must not be below the target (${target}).`;
    if (red < amber) return `Lower is better: the red threshold (${red}) must not be below the amber threshold (${amber}).`;
    if (red === target) return `Lower is better: the red threshold (${red}) must be above the target (${target}), or the target itself would be red.`;
  } else {
    return `Unknown direction ${JSON.stringify(def.direction)}.`;
  }
  return null;
}

/**
 * A shape for each status, so status is never told by colour alone
 * (about 1 in 12 men cannot tell red from green; wall screens wash out in sunlight).
 */
export type StatusIcon = 'check' | 'triangle' | 'octagon' | 'dash';

const ICONS: Record<KpiStatus, StatusIcon> = { green: 'check', amber: 'triangle', red: 'octagon', none: 'dash' };
const LABELS: Record<KpiStatus, string> = { green: 'On target', amber: 'Off target', red: 'Critical', none: 'No reading' };

export function statusIcon(status: KpiStatus): StatusIcon {
  return ICONS[status];
}

/** Words for the status, for screen readers and the board's legend. */
export function statusLabel(status: KpiStatus): string {
  return LABELS[status];
}
