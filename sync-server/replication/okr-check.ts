/**
 * [K3] [K5] The OKR rules a pushed key result or key result log entry must satisfy beyond its
 * schema, its own record rules ([K2], record-validation.ts) and its person's role ([A8], [K4]):
 * the shared context rules of src/domain/okr/okr-rules.ts over the records around it as the server
 * holds them (the cycle, the KPI, the key results a roll-up walks), and catchball's one gate (a key
 * result under an enterprise objective becomes active only by someone who may decide catchball).
 *
 * The records around are read once per push, batched: the key results a push names and the
 * parents their roll-ups walk up, their objectives and cycles, their KPIs. A record of the push
 * itself stands in for the stored one with its id, so two key results pushed together that name
 * each other as parents are seen as the cycle they are.
 */
import type { CollectionName } from '../../src/domain/records/collections.ts';
import type { KpiDefinition } from '../../src/domain/kpi/kpi-types.ts';
import type { KeyResult, KrCheckIn, Objective } from '../../src/domain/okr/okr-types.ts';
import { activatesByCatchball, MAX_ROLLUP_DEPTH, okrContextRefusal, okrRefusalText, type OkrContext } from '../../src/domain/okr/okr-rules.ts';
import type { Person } from '../../src/domain/people/people-types.ts';
import type { DeviceAuth, Store, StoredDocument, StoredRecord } from '../store/store.ts';
import { mayActFor } from '../auth/person-permission.ts';

/** The records around a push of key results or log entries, by id. */
export class OkrPushContext implements OkrContext {
  readonly keyResults = new Map<string, KeyResult>();
  readonly objectives = new Map<string, Objective>();
  readonly kpis = new Map<string, KpiDefinition>();
  keyResult(id: string): KeyResult | undefined {
    return this.keyResults.get(id);
  }
  objective(id: string): Objective | undefined {
    return this.objectives.get(id);
  }
  kpi(id: string): KpiDefinition | undefined {
    return this.kpis.get(id);
  }
}

export function needsOkrContext(collection: CollectionName): boolean {
  return collection === 'key_results' || collection === 'kr_checkins';
}

const strings = (values: Iterable<unknown>): string[] => [...new Set([...values].filter((v): v is string => typeof v === 'string' && v !== ''))];

async function live<T>(store: Store, collection: CollectionName, ids: string[]): Promise<T[]> {
  if (ids.length === 0) return [];
  const rows: StoredRecord[] = await store.getByIds(collection, ids);
  return rows.filter((r) => !r.deleted).map((r) => r.data as unknown as T);
}

export async function loadOkrContext(store: Store, collection: CollectionName, records: readonly StoredDocument[]): Promise<OkrPushContext> {
  const ctx = new OkrPushContext();
  const pushedKrs = collection === 'key_results' ? (records as unknown as KeyResult[]) : [];
  // Key results: those the log entries name, then the parents of roll-ups, level by level.
  let wanted = collection === 'kr_checkins' ? strings((records as unknown as KrCheckIn[]).map((r) => r.keyResultId)) : [];
  for (const kr of await live<KeyResult>(store, 'key_results', wanted)) ctx.keyResults.set(kr.id, kr);
  for (const kr of pushedKrs) ctx.keyResults.set(kr.id, kr);
  wanted = strings(pushedKrs.map((kr) => kr.parentKeyResultId));
  for (let depth = 0; depth < MAX_ROLLUP_DEPTH && wanted.length > 0; depth++) {
    const missing = wanted.filter((id) => !ctx.keyResults.has(id));
    const found = await live<KeyResult>(store, 'key_results', missing);
    for (const kr of found) ctx.keyResults.set(kr.id, kr);
    wanted = strings(found.map((kr) => kr.parentKeyResultId));
  }
  const krs = [...ctx.keyResults.values()];
  for (const o of await live<Objective>(store, 'objectives', strings(krs.map((kr) => kr.objectiveId)))) ctx.objectives.set(o.id, o);
  const cycles = strings([...ctx.objectives.values()].map((o) => o.cycle)).filter((id) => !ctx.objectives.has(id));
  for (const o of await live<Objective>(store, 'objectives', cycles)) ctx.objectives.set(o.id, o);
  for (const k of await live<KpiDefinition>(store, 'kpi_definitions', strings(pushedKrs.map((kr) => kr.kpiId)))) ctx.kpis.set(k.id, k);
  return ctx;
}

export interface OkrCheck {
  collection: CollectionName;
  record: StoredDocument;
  deleted: boolean;
  master: StoredRecord | null;
  actor: Person;
  device: DeviceAuth;
  plantId: string;
  context: OkrPushContext | null;
}

export interface OkrDenial {
  error: 'invalid_record' | 'not_allowed';
  message: string;
}

/** [K3] [K5] Why a pushed key result or log entry is refused, or null. */
export function okrRefusal(c: OkrCheck): OkrDenial | null {
  if (c.deleted || !c.context) return null;
  const problem = okrContextRefusal(c.collection, c.record, c.context);
  if (problem) return { error: 'invalid_record', message: okrRefusalText(problem) };
  if (c.collection !== 'key_results') return null;
  const stored = c.master && !c.master.deleted ? (typeof c.master.data.state === 'string' ? c.master.data.state : 'active') : null;
  if (!activatesByCatchball(c.record as unknown as KeyResult, stored, c.context)) return null;
  const denial = mayActFor(c.actor, 'decide_catchball', { plantId: c.plantId }, c.device);
  return denial === null ? null : { error: 'not_allowed', message: `${denial} A key result under an enterprise objective becomes active when the enterprise leader accepts it.` };
}
