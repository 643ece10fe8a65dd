/**
 * How a KPI's values add up over a day or a week: one rule per definition, used by the tablet,
 * the board, the KPI history and (later) key results and reports alike.
 *
 * - `sum` for counts: units produced in a day are the three shifts' units added up.
 * - `mean` for levels read each shift (a temperature): the unweighted mean of the shifts.
 * - `latest` for levels set once in a while (an ideal cycle time, a daily headcount): the last one.
 * - `ratio` for computed rates (OEE, first pass yield, scrap rate): the formula over the day's or
 *   week's inputs, each added up by its own rule, so a day's first pass yield is the day's good
 *   parts over the day's parts entering: the ratio of sums, never the mean of shift ratios
 *   (a short shift with 1 good part of 2 would otherwise weigh as much as a full one).
 */
import type { KpiAggregation, KpiDefinition } from './kpi-types.ts';

export type AggregationDef = Pick<KpiDefinition, 'formula' | 'frequency'> & { aggregation?: KpiAggregation | undefined };

/**
 * The definition's own rule. A computed KPI is always a ratio of its inputs. A definition stored
 * before definitions carried a rule gets the one its screens used until then: the latest value
 * of a daily KPI, the mean of a per-shift KPI's shifts.
 */
export function aggregationOf(def: AggregationDef): KpiAggregation {
  if (def.formula !== null) return 'ratio';
  if (def.aggregation !== undefined && def.aggregation !== 'ratio') return def.aggregation;
  return def.frequency === 'daily' ? 'latest' : 'mean';
}

/**
 * A typed KPI's value over several shifts, `values` oldest slot first (the last one is the
 * latest). Null without values. Not for `ratio` KPIs: their value comes from their inputs.
 */
export function aggregateValues(rule: Exclude<KpiAggregation, 'ratio'>, values: readonly number[]): number | null {
  if (values.length === 0) return null;
  if (rule === 'latest') return values[values.length - 1] as number;
  let sum = 0;
  for (const v of values) sum += v;
  return rule === 'sum' ? sum : sum / values.length;
}
