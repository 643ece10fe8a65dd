/**
 * The cascade of a cycle with its figures at every node: each key result's value, raw and clamped
 * progress and status; each objective's progress (weighted mean of its active key results, plus
 * contributing children where it counts them) and status (its worst key result's, its counted
 * children's included). The desktop tree, the board's OKR page and the line tablet all read this.
 *
 * Values come in from outside (a KPI-fed key result's from kr-value.ts, a manual one's from its
 * latest check-in: latestCheckIn), except rolled-up key results, whose value is made here from
 * their children's (okr-progress.ts rolledUpValue), children first.
 */
import type { ProductionDate } from '../records/record-types.ts';
import { checkInDue, elapsedShare } from './cycles.ts';
import { clampedProgress, objectiveProgress, rawProgress, rolledUpValue, type Weighted } from './okr-progress.ts';
import { isCycleRecord, krStateOf, krWeightOf, linkTypeOf, logKindOf, objectiveWeightOf, parentKrOf, rollupOf, type OkrCycle } from './okr-records.ts';
import { krStatus, worstStatus, type KrStatus } from './okr-status.ts';
import type { KeyResult, KrCheckIn, Objective } from './okr-types.ts';

export interface KrNode {
  keyResult: KeyResult;
  value: number | null;
  raw: number | null;
  clamped: number;
  status: KrStatus;
  checkIn: 'not_due' | 'due' | 'overdue';
  /** Confidence of the latest check-in; null before the first. */
  confidence: number | null;
}

export interface ObjectiveNode {
  objective: Objective;
  keyResults: KrNode[];
  children: ObjectiveNode[];
  progress: number | null;
  status: KrStatus | null;
}

export interface CascadeInput {
  cycle: OkrCycle;
  today: ProductionDate;
  objectives: readonly Objective[];
  keyResults: readonly KeyResult[];
  /** The log entries of the key results (any order). */
  log: readonly KrCheckIn[];
  /** Values of KPI-fed key results by id (kr-value.ts); manual ones take their latest check-in's. */
  kpiValues: ReadonlyMap<string, number | null>;
  /** Production date of an instant in the plant's calendar (plantLocalDate with the plant's zone). */
  dateOf: (at: string) => ProductionDate;
}

/** The latest check-in (not a catchball step) of each key result, by its time then id. */
export function latestCheckIns(log: readonly KrCheckIn[]): Map<string, KrCheckIn> {
  const latest = new Map<string, KrCheckIn>();
  for (const e of log) {
    if (logKindOf(e) !== 'check_in') continue;
    const best = latest.get(e.keyResultId);
    if (!best || e.at > best.at || (e.at === best.at && e.id > best.id)) latest.set(e.keyResultId, e);
  }
  return latest;
}

/** The cascade's roots (objectives without a parent in the cycle), each with its figures. */
export function cascade(input: CascadeInput): ObjectiveNode[] {
  const { cycle, today } = input;
  const elapsed = elapsedShare(cycle, today);
  const latest = latestCheckIns(input.log);
  const active = input.keyResults.filter((kr) => krStateOf(kr) === 'active');
  const byParent = new Map<string, KeyResult[]>();
  for (const kr of active) {
    const p = parentKrOf(kr);
    if (p !== '') byParent.set(p, [...(byParent.get(p) ?? []), kr]);
  }
  const values = new Map<string, number | null>();
  const valueOf = (kr: KeyResult, seen: Set<string>): number | null => {
    const known = values.get(kr.id);
    if (known !== undefined) return known;
    let v: number | null;
    if (kr.source === 'rollup') {
      // A loop is refused as bad input ([K3]); one that got in anyway has no value rather than no end.
      if (seen.has(kr.id)) return null;
      seen.add(kr.id);
      v = rolledUpValue(rollupOf(kr), (byParent.get(kr.id) ?? []).map((c) => ({ value: valueOf(c, seen), weight: krWeightOf(c) })));
      seen.delete(kr.id);
    } else if (kr.source === 'kpi') v = input.kpiValues.get(kr.id) ?? null;
    else v = latest.get(kr.id)?.value ?? null;
    values.set(kr.id, v);
    return v;
  };
  const krNode = (kr: KeyResult): KrNode => {
    const value = valueOf(kr, new Set());
    const last = latest.get(kr.id);
    // A rolled-up key result is checked in through its children: it has no check-in of its own to miss.
    const due = kr.source === 'rollup' ? 'not_due' : checkInDue({ cycle, today, lastCheckIn: last ? input.dateOf(last.at) : null });
    const clamped = clampedProgress(kr, value);
    return { keyResult: kr, value, raw: rawProgress(kr, value), clamped, status: krStatus(clamped, elapsed, due === 'overdue'), checkIn: due, confidence: last?.confidence ?? null };
  };
  const inCycle = input.objectives.filter((o) => !isCycleRecord(o) && o.cycle === cycle.id && o.status !== 'dropped');
  const ids = new Set(inCycle.map((o) => o.id));
  const krsOf = new Map<string, KeyResult[]>();
  for (const kr of active) krsOf.set(kr.objectiveId, [...(krsOf.get(kr.objectiveId) ?? []), kr]);
  const node = (o: Objective, seen: Set<string>): ObjectiveNode => {
    seen.add(o.id);
    const keyResults = (krsOf.get(o.id) ?? []).map(krNode);
    const children = inCycle.filter((c) => c.parentId === o.id && !seen.has(c.id)).map((c) => node(c, seen));
    const counted = o.countChildren === true ? children.filter((c) => linkTypeOf(c.objective) === 'contribute') : [];
    const progress = objectiveProgress({
      keyResults: keyResults.map((k): Weighted => ({ progress: k.clamped, weight: krWeightOf(k.keyResult) })),
      contributingChildren: counted.filter((c) => c.progress !== null).map((c): Weighted => ({ progress: c.progress as number, weight: objectiveWeightOf(c.objective) })),
      countChildren: o.countChildren === true,
    });
    const statuses = [...keyResults.map((k) => k.status), ...counted.map((c) => c.status).filter((s): s is KrStatus => s !== null)];
    return { objective: o, keyResults, children, progress, status: worstStatus(statuses) };
  };
  const seen = new Set<string>();
  return inCycle.filter((o) => o.parentId === '' || !ids.has(o.parentId)).map((o) => node(o, seen));
}
