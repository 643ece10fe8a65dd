/** KPI definitions and readings, in SQDCP categories. */
import type { Iso, MutableMeta, ProductionDate } from '../records/record-types.ts';
import type { LineLevel } from '../plant/plant-types.ts';

export const SQDCP = ['safety', 'quality', 'delivery', 'cost', 'people'] as const;

export type SqdcpCategory = (typeof SQDCP)[number];

export type Direction = 'higher_is_better' | 'lower_is_better';

export type KpiFrequency = 'per_shift' | 'daily';

export type KpiFormula =
  | 'oee'
  | 'availability'
  | 'performance'
  | 'quality_rate'
  | 'first_pass_yield'
  | 'scrap_rate'
  | 'on_time_delivery'
  | 'recordable_incident_rate'
  | 'dart_rate';

export interface KpiDefinition extends MutableMeta {
  id: string;
  /** Empty for enterprise-wide definitions. */
  plantId: string;
  level: LineLevel;
  /** For line-level KPIs; empty otherwise. */
  lineId: string;
  /** For area-level KPIs; empty otherwise. */
  area: string;
  code: string;
  name: string;
  category: SqdcpCategory;
  unit: string;
  direction: Direction;
  target: number;
  /** Beyond target but within amber: amber. Beyond amber: red (see kpi-status.ts). */
  amberThreshold: number;
  redThreshold: number;
  indicator: 'leading' | 'lagging';
  ownerId: string;
  frequency: KpiFrequency;
  /** Computed KPIs name a formula and map its inputs to other KPI codes. */
  formula: KpiFormula | null;
  formulaInputs: Record<string, string>;
  /** Readings outside this range ask the operator to confirm. */
  plausibleMin: number;
  plausibleMax: number;
  decimals: number;
  active: boolean;
  /**
   * How the KPI's values add up over a day or a week (kpi-aggregation.ts). Optional: definitions
   * stored before it was added (schema version 1) have none, and aggregationOf gives them the rule
   * they were shown with until then.
   */
  aggregation?: KpiAggregation;
}

/**
 * How a KPI's values add up over several shifts: `sum` for counts (units produced, downtime
 * minutes), `mean` or `latest` for levels (a temperature, an ideal cycle time), `ratio` for a
 * computed rate (OEE, first pass yield): the formula over the sums of its inputs, never the mean
 * of the shifts' rates.
 */
export type KpiAggregation = 'sum' | 'mean' | 'latest' | 'ratio';

/** Immutable. A correction is a new reading with `supersedes` set. */
export interface KpiReading {
  id: string;
  kpiId: string;
  plantId: string;
  lineId: string;
  shiftCode: string;
  productionDate: ProductionDate;
  value: number;
  personId: string;
  deviceId: string;
  /** Device wall-clock time of the tap. */
  recordedAt: Iso;
  /** Measured offset (server minus device) in ms at the time of recording. */
  clockOffsetMs: number;
  note: string;
  /** Id of the reading this one corrects; empty for a first reading. */
  supersedes: string;
  correctionReason: string;
  /** Stamped by the server when it received the record; empty until then. */
  receivedAt: Iso;
}
