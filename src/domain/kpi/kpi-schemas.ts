/**
 * Schemas for KPI definitions and the immutable readings the floor records.
 */
import { SQDCP, type KpiDefinition, type KpiFormula, type KpiReading } from './kpi-types.ts';
import {
  bool,
  code,
  id,
  int,
  iso,
  mapOf,
  name,
  note,
  num,
  oneOf,
  productionDate,
  recordSchema,
  ref,
} from '../records/json-schema.ts';
import { mutableMeta } from '../records/mutable-meta-schema.ts';

const FORMULAS: readonly KpiFormula[] = [
  'oee',
  'availability',
  'performance',
  'quality_rate',
  'first_pass_yield',
  'scrap_rate',
  'on_time_delivery',
  'recordable_incident_rate',
  'dart_rate',
];

export const kpiDefinitionsSchema = recordSchema<KpiDefinition>({
  title: 'kpi_definitions',
  description: 'What a KPI measures, its SQDCP category, target and amber/red thresholds.',
  // 1: aggregation, how the KPI adds up over a day or a week (src/db/migrations.ts).
  version: 1,
  properties: {
    id: id(),
    plantId: ref(),
    level: oneOf(['plant', 'area', 'line']),
    lineId: ref(),
    area: name(),
    code: code(),
    name: name(),
    category: oneOf(SQDCP),
    unit: code(),
    direction: oneOf(['higher_is_better', 'lower_is_better']),
    target: num(),
    amberThreshold: num(),
    redThreshold: num(),
    indicator: oneOf(['leading', 'lagging']),
    ownerId: ref(),
    frequency: oneOf(['per_shift', 'daily']),
    formula: { enum: [...FORMULAS, null] },
    // Formulas take at most four inputs (OEE: availability, performance, quality).
    formulaInputs: mapOf(code(), 16),
    plausibleMin: num(),
    plausibleMax: num(),
    decimals: int(0, 6),
    active: bool(),
    aggregation: oneOf(['sum', 'mean', 'latest', 'ratio']),
    ...mutableMeta,
  },
  indexes: [['plantId', 'lineId'], 'code'],
  optional: ['aggregation'],
});

export const kpiReadingsSchema = recordSchema<KpiReading>({
  title: 'kpi_readings',
  description: 'One immutable KPI value for one shift instance; a correction supersedes, never edits.',
  version: 0,
  properties: {
    id: id(),
    kpiId: ref(),
    plantId: ref(),
    lineId: ref(),
    shiftCode: code(),
    productionDate: productionDate(),
    value: num(),
    personId: ref(),
    deviceId: ref(),
    recordedAt: iso(),
    clockOffsetMs: num(),
    note: note(),
    supersedes: ref(),
    correctionReason: note(),
    receivedAt: iso(),
  },
  indexes: [
    // The line tablet's shift screen.
    ['plantId', 'lineId', 'productionDate', 'shiftCode'],
    // Trend of one KPI, key results fed by a KPI.
    ['kpiId', 'recordedAt'],
    // The plant board's day view.
    ['plantId', 'productionDate'],
  ],
});
