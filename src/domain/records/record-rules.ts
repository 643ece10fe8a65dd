/**
 * The rules a record's JSON schema cannot say, one entry per collection that has any: a KPI
 * definition's thresholds must sit on the right side of its target, a plant's tier ladder must
 * climb, a key result's target must differ from its baseline, a check-in's confidence goes in
 * steps of 0.1 (okr-rules.ts). The server refuses a pushed record that breaks them ([A14], [K2]);
 * an editor asks the same function before it saves, so both say the same sentence.
 */
import type { CollectionName } from './collections.ts';
import { validateThresholds, type ThresholdDef } from '../kpi/kpi-status.ts';
import { validateTierLadder } from '../escalation/escalation-timers.ts';
import type { TierStep } from '../escalation/escalation-types.ts';
import { okrRecordRefusal, okrRefusalText } from '../okr/okr-rules.ts';

/** Why `record` (already valid against its collection's schema) breaks its collection's rules, or null. */
export function recordRuleProblem(collection: CollectionName, record: Record<string, unknown>): string | null {
  switch (collection) {
    case 'kpi_definitions':
      return validateThresholds(record as unknown as ThresholdDef);
    case 'plants': {
      const problem = validateTierLadder(record.tierLadder as readonly TierStep[]);
      return problem === null ? null : `Tier ladder: ${problem}`;
    }
    case 'key_results':
    case 'kr_checkins':
    case 'objectives': {
      const r = okrRecordRefusal(collection, record);
      return r === null ? null : okrRefusalText(r);
    }
    default:
      return null;
  }
}
