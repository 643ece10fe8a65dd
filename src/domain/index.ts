/**
 * The shared domain core: one import for the PWA and the sync server.
 * Pure rules only: no framework, database, network or clock (time is passed in).
 */
export * from './types.ts';
export * from './collections.ts';
export * from './ids.ts';
export * from './hlc.ts';
export * from './merge.ts';
export * from './kpi-status.ts';
export * from './kpi-formulas.ts';
export * from './shift-calendar.ts';
export * from './permissions.ts';
export * from './schemas.ts';
export * from './escalation-state.ts';
export * from './escalation-timers.ts';
export * from './current-readings.ts';
export * from './handover.ts';
export * from './pin.ts';
export * from './plausibility.ts';
// The wall-screen plant board (issue #5): SQDCP calendar, KPI tiles and trends, escalation order, freshness.
export * from './board/reading-index.ts';
export * from './board/sqdcp-letters.ts';
export * from './board/sqdcp-calendar.ts';
export * from './board/kpi-trend.ts';
export * from './board/kpi-tile.ts';
export * from './board/board-state.ts';
export * from './board/escalation-board-order.ts';
export * from './board/staleness.ts';
