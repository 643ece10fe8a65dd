/**
 * Schemas for objectives, key results, their check-ins and improvement actions.
 */
import type { ImprovementAction, KeyResult, KrCheckIn, Objective } from './okr-types.ts';
import {
  bool,
  code,
  id,
  int,
  iso,
  name,
  note,
  num,
  oneOf,
  recordSchema,
  ref,
} from '../records/json-schema.ts';
import { mutableMeta } from '../records/mutable-meta-schema.ts';

/** A due date, or '' when none is set yet. */
const optionalDate = { type: 'string', maxLength: 10, pattern: '^(\\d{4}-\\d{2}-\\d{2})?$' } as const;

export const objectivesSchema = recordSchema<Objective>({
  title: 'objectives',
  description: 'An enterprise, plant or line objective; parentId builds the cascade.',
  version: 0,
  properties: {
    id: id(),
    level: oneOf(['enterprise', 'plant', 'line']),
    plantId: ref(),
    lineId: ref(),
    parentId: ref(),
    title: name(),
    // `2026-Q4`, `2026-H1`, `FY2027`.
    cycle: code(),
    ownerId: ref(),
    status: oneOf(['draft', 'active', 'done', 'dropped']),
    ...mutableMeta,
  },
  indexes: [['plantId', 'cycle'], 'parentId'],
});

export const keyResultsSchema = recordSchema<KeyResult>({
  title: 'key_results',
  description: 'From X to Y by a date, checked in by hand or fed by a KPI.',
  version: 0,
  properties: {
    id: id(),
    objectiveId: ref(),
    plantId: ref(),
    title: name(),
    from: num(),
    to: num(),
    unit: code(),
    dueDate: { ...optionalDate },
    ownerId: ref(),
    stretch: bool(),
    source: oneOf(['manual', 'kpi']),
    kpiId: ref(),
    aggregation: oneOf(['latest', 'average', 'sum', 'min', 'max']),
    // A KR window longer than a year no longer measures the cycle it belongs to.
    windowDays: int(0, 366),
    ...mutableMeta,
  },
  indexes: ['objectiveId', 'plantId', 'kpiId'],
});

export const krCheckInsSchema = recordSchema<KrCheckIn>({
  title: 'kr_checkins',
  description: 'An immutable check-in on a key result: value, confidence, note.',
  version: 0,
  properties: {
    id: id(),
    keyResultId: ref(),
    plantId: ref(),
    value: num(),
    confidence: { type: 'number', minimum: 0, maximum: 1 },
    note: note(),
    personId: ref(),
    deviceId: ref(),
    at: iso(),
    receivedAt: iso(),
  },
  indexes: [['keyResultId', 'at']],
});

export const improvementActionsSchema = recordSchema<ImprovementAction>({
  title: 'improvement_actions',
  description: 'A Kanban card: to do, doing, done; linked to a key result or an escalation.',
  // 1: notedBy, the person who noted the action (src/db/migrations.ts).
  version: 1,
  properties: {
    id: id(),
    plantId: ref(),
    title: name(),
    status: oneOf(['todo', 'doing', 'done']),
    ownerId: ref(),
    due: { ...optionalDate },
    keyResultId: ref(),
    escalationId: ref(),
    notedBy: ref(),
    ...mutableMeta,
  },
  indexes: [['plantId', 'status'], 'keyResultId', 'escalationId'],
  // Added in version 1, when servers already held actions without it.
  optional: ['notedBy'],
});
