/**
 * The device's check before it saves an OKR record: the same shared rules the server enforces on
 * push (src/domain/okr/okr-rules.ts; SPEC [K2], [K3]), over the records this device holds. An edit
 * refused here is never saved, so the person sees the sentence at once instead of a refusal after
 * the next sync; one the server still refuses (it knew a record the device did not) is kept in the
 * refusal list as every refused record is ([C-O2]).
 */
import type { KpiDefinition } from '../../domain/kpi/kpi-types.ts';
import { MAX_ROLLUP_DEPTH, okrContextRefusal, okrRecordRefusal, type OkrContext } from '../../domain/okr/okr-rules.ts';
import type { KeyResult, KrCheckIn, Objective } from '../../domain/okr/okr-types.ts';
import type { Refusal } from '../../domain/records/refusal.ts';
import type { TierboardDatabase } from '../database.ts';

type OkrDb = Pick<TierboardDatabase, 'key_results' | 'objectives' | 'kpi_definitions'>;
export type OkrCollection = 'key_results' | 'kr_checkins' | 'objectives';

async function byIds<T>(collection: { findByIds(ids: string[]): { exec(): Promise<Map<string, { toJSON(): unknown }>> } }, ids: readonly string[]): Promise<T[]> {
  const wanted = [...new Set(ids.filter((id) => id !== ''))];
  if (wanted.length === 0) return [];
  const found = await collection.findByIds(wanted).exec();
  return [...found.values()].map((d) => d.toJSON() as T);
}

/** The records the context rules read for `record`, from the local database; `record` stands in for its stored self. */
export async function localOkrContext(db: OkrDb, collection: OkrCollection, record: KeyResult | KrCheckIn | Objective): Promise<OkrContext> {
  const krs = new Map<string, KeyResult>();
  const objectives = new Map<string, Objective>();
  const kpis = new Map<string, KpiDefinition>();
  if (collection === 'kr_checkins') for (const kr of await byIds<KeyResult>(db.key_results, [(record as KrCheckIn).keyResultId])) krs.set(kr.id, kr);
  if (collection === 'key_results') {
    const kr = record as KeyResult;
    krs.set(kr.id, kr);
    let wanted = [kr.parentKeyResultId ?? ''];
    for (let depth = 0; depth < MAX_ROLLUP_DEPTH && wanted.some((id) => id !== '' && !krs.has(id)); depth++) {
      const found = await byIds<KeyResult>(db.key_results, wanted.filter((id) => !krs.has(id)));
      for (const k of found) krs.set(k.id, k);
      wanted = found.map((k) => k.parentKeyResultId ?? '');
    }
    for (const k of await byIds<KpiDefinition>(db.kpi_definitions, [kr.kpiId])) kpis.set(k.id, k);
  }
  for (const o of await byIds<Objective>(db.objectives, [...krs.values()].map((k) => k.objectiveId))) objectives.set(o.id, o);
  for (const o of await byIds<Objective>(db.objectives, [...objectives.values()].map((o) => o.cycle))) objectives.set(o.id, o);
  return { keyResult: (id) => krs.get(id), objective: (id) => objectives.get(id), kpi: (id) => kpis.get(id) };
}

/** Why the record must not be saved, as a refusal the screen words from its catalogue (okr-rules.ts has the English); null to save. */
export async function okrSaveRefusal(db: OkrDb, collection: OkrCollection, record: KeyResult | KrCheckIn | Objective): Promise<Refusal | null> {
  const own = okrRecordRefusal(collection, record as unknown as Record<string, unknown>);
  if (own) return own;
  return okrContextRefusal(collection, record as unknown as Record<string, unknown>, await localOkrContext(db, collection, record));
}
