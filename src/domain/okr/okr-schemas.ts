/**
 * Schemas for cycles and objectives, key results, their log (check-ins, catchball) and improvement
 * actions. Fields added after records were already stored are optional (json-schema.ts says why);
 * okr-records.ts gives each its default.
 */
import type { ImprovementAction, KeyResult, KrCheckIn, Objective } from './okr-types.ts';
import { ACTION_LANES } from './okr-types.ts';
import {
  bool,
  code,
  id,
  int,
  iso,
  listOf,
  name,
  note,
  num,
  oneOf,
  recordSchema,
  ref,
  type JsonSchemaNode,
} from '../records/json-schema.ts';
import { mutableMeta } from '../records/mutable-meta-schema.ts';

/** A due date, or '' when none is set yet. */
const optionalDate = { type: 'string', maxLength: 10, pattern: '^(\\d{4}-\\d{2}-\\d{2})?$' } as const;
/** A weight or a priority: a person sets it on a screen; 1000 is far beyond any sensible one. */
const weight = (): JsonSchemaNode => ({ type: 'number', minimum: 0, maximum: 1_000 });

export const objectivesSchema = recordSchema<Objective>({
  title: 'objectives',
  description: 'An enterprise, plant or line objective (parentId builds the cascade), or a cycle (level `cycle`).',
  // 1: link type, priority, weight, counting children, closing comment; cycles (src/db/migrations.ts).
  version: 1,
  properties: {
    id: id(),
    level: oneOf(['enterprise', 'plant', 'line', 'cycle']),
    plantId: ref(),
    lineId: ref(),
    parentId: ref(),
    title: name(),
    // The cycle's id: `2026-Q4`, `2026-H1`, `FY2027`.
    cycle: code(),
    ownerId: ref(),
    status: oneOf(['draft', 'active', 'done', 'dropped']),
    linkType: oneOf(['contribute', 'support']),
    priority: int(1, 1_000),
    weight: weight(),
    countChildren: bool(),
    closingComment: note(),
    cycleKind: oneOf(['annual', 'quarterly', 'custom']),
    cycleState: oneOf(['planning', 'catchball', 'active', 'closing', 'closed']),
    startDate: { ...optionalDate },
    endDate: { ...optionalDate },
    checkInWeekday: int(1, 7),
    // A KPI's periods are shifts or days; more than 30 in a row would never offer anything.
    candidatePeriods: int(1, 30),
    ...mutableMeta,
  },
  indexes: [['plantId', 'cycle'], 'parentId'],
  optional: ['linkType', 'priority', 'weight', 'countChildren', 'closingComment', 'cycleKind', 'cycleState', 'startDate', 'endDate', 'checkInWeekday', 'candidatePeriods'],
});

/** A plant has tens of lines, not hundreds. */
const MAX_KR_LINES = 64;

export const keyResultsSchema = recordSchema<KeyResult>({
  title: 'key_results',
  description: 'From X to Y by a date: checked in by hand, fed by a KPI, or rolled up from child key results.',
  // 1: window, scope and lines, roll-up, weight, catchball state (src/db/migrations.ts).
  version: 1,
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
    source: oneOf(['manual', 'kpi', 'rollup']),
    kpiId: ref(),
    aggregation: oneOf(['latest', 'average', 'sum', 'min', 'max']),
    // A KR window longer than a year no longer measures the cycle it belongs to.
    windowDays: int(0, 366),
    window: oneOf(['cycle_to_date', 'last_days', 'last_shift', 'last_day', 'last_week']),
    scope: oneOf(['plant', 'lines']),
    lineIds: listOf(ref(), MAX_KR_LINES),
    parentKeyResultId: ref(),
    rollup: oneOf(['sum', 'weighted_mean']),
    weight: weight(),
    state: oneOf(['proposed', 'active', 'rejected', 'dropped']),
    ...mutableMeta,
  },
  indexes: ['objectiveId', 'plantId', 'kpiId'],
  optional: ['window', 'scope', 'lineIds', 'parentKeyResultId', 'rollup', 'weight', 'state'],
});

export const krCheckInsSchema = recordSchema<KrCheckIn>({
  title: 'kr_checkins',
  description: "An immutable entry on a key result's timeline: a check-in (value, confidence, note) or a catchball step.",
  // 1: kind (catchball steps), the KPI's value and the override's reason, blocker, next action (src/db/migrations.ts).
  version: 1,
  properties: {
    id: id(),
    keyResultId: ref(),
    plantId: ref(),
    value: num(),
    // Steps of 0.1 are a record rule (okr-rules.ts): JSON schema's multipleOf fails 0.3 in binary floating point.
    confidence: { type: 'number', minimum: 0, maximum: 1 },
    note: note(),
    personId: ref(),
    deviceId: ref(),
    at: iso(),
    receivedAt: iso(),
    kind: oneOf(['check_in', 'propose', 'accept', 'counter', 'reject']),
    computedValue: num(),
    overrideReason: note(),
    blocker: note(),
    nextAction: note(),
    target: num(),
    dueDate: { ...optionalDate },
    needs: note(),
  },
  indexes: [['keyResultId', 'at']],
  optional: ['kind', 'computedValue', 'overrideReason', 'blocker', 'nextAction', 'target', 'dueDate', 'needs'],
});

export const improvementActionsSchema = recordSchema<ImprovementAction>({
  title: 'improvement_actions',
  description: 'A Kanban card in a lane (backlog, to do, doing, verify, done, dropped); linked to a key result or an escalation.',
  // 1: notedBy, the person who noted the action; 2: lanes backlog, verify, dropped, the original due date, priority (src/db/migrations.ts).
  version: 2,
  properties: {
    id: id(),
    plantId: ref(),
    title: name(),
    status: oneOf(ACTION_LANES),
    ownerId: ref(),
    due: { ...optionalDate },
    keyResultId: ref(),
    escalationId: ref(),
    notedBy: ref(),
    originalDue: { ...optionalDate },
    priority: oneOf(['high', 'medium', 'low']),
    ...mutableMeta,
  },
  indexes: [['plantId', 'status'], 'keyResultId', 'escalationId'],
  // Added in versions 1 and 2, when servers already held actions without them.
  optional: ['notedBy', 'originalDue', 'priority'],
});
