/**
 * The shared domain core: one import for the PWA and the sync server.
 * Pure rules only: no framework, database, network or clock (time is passed in).
 * One folder per area of the floor; each area keeps its types beside its schemas and rules.
 */
// Records: the collections, their JSON schemas, refusals, and the base types every record shares.
export * from './records/record-types.ts';
export * from './records/collections.ts';
export * from './records/schemas.ts';
export * from './records/fill-template.ts';
export * from './records/refusal.ts';
export * from './records/ids.ts';
export * from './records/record-rules.ts';
export * from './records/value-limits.ts';
// Merge: the hybrid logical clock and the field-by-field merge of mutable records.
export * from './merge/hlc.ts';
export * from './merge/merge.ts';
// Time: the clock and timer ports, and the one correction of device time to the server's.
export * from './time/clock.ts';
export * from './time/timers.ts';
// Retry: one backoff with jitter for every reconnect, on the tablets and the server.
export * from './retry/backoff.ts';
// The wire contract both sides speak: shapes, headers, error codes, limits, route schemas.
export * from './wire/protocol.ts';
export * from './wire/limits.ts';
// The plant's structure, its shifts and its people.
export * from './plant/plant-types.ts';
export * from './shift/shift-types.ts';
export * from './shift/shift-calendar.ts';
export * from './people/people-types.ts';
export * from './people/permissions.ts';
export * from './people/pin.ts';
// KPIs: definitions, readings, status, formulas and plausibility.
export * from './kpi/kpi-types.ts';
export * from './kpi/kpi-status.ts';
export * from './kpi/kpi-formulas.ts';
export * from './kpi/formula-results.ts';
export * from './kpi/kpi-aggregation.ts';
export * from './kpi/kpi-figure.ts';
export * from './kpi/plausibility.ts';
export * from './kpi/current-readings.ts';
// The floor's flows: handover and escalations.
export * from './handover/handover-types.ts';
export * from './handover/handover-rules.ts';
export * from './escalation/escalation-types.ts';
export * from './escalation/escalation-state.ts';
export * from './escalation/escalation-timers.ts';
// Objectives and key results: records, formulas, the KPI-fed value, bad-input rules, guardrails.
export * from './okr/okr-types.ts';
export * from './okr/okr-records.ts';
export * from './okr/cycles.ts';
export * from './okr/okr-progress.ts';
export * from './okr/okr-status.ts';
export * from './okr/okr-cascade.ts';
export * from './okr/okr-catchball.ts';
export * from './okr/kr-summary.ts';
export * from './okr/kr-value.ts';
export * from './okr/okr-rules.ts';
export * from './okr/okr-guardrails.ts';
export * from './okr/action-cards.ts';
// The wall-screen plant board: SQDCP calendar, KPI tiles and trends, escalation order, freshness.
export * from './board/reading-index.ts';
export * from './board/sqdcp-letters.ts';
export * from './board/sqdcp-calendar.ts';
export * from './board/kpi-trend.ts';
export * from './board/kpi-tile.ts';
export * from './board/board-state.ts';
export * from './board/escalation-board-order.ts';
export * from './board/staleness.ts';
export * from './board/formula-slots.ts';
export * from './board/shift-slot-values.ts';
