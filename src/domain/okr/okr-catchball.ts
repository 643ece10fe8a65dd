/**
 * Catchball (issue 12, item 2): a plant head proposes a key result's target against an enterprise
 * objective (target, due date, what the plant needs); the enterprise leader accepts, counters with
 * another target, or rejects, each with a note; the plant may propose again after a counter or a
 * rejection. The thread is the key result's log entries of those kinds (okr-types.ts), kept and
 * readable by both sides; its last step says where it stands. An accepted key result becomes active
 * with the accepted target (the accepting device writes that onto the key result: okr-rules.ts
 * activatesByCatchball, SPEC [K5]).
 */
import { isCatchballDecision, logKindOf } from './okr-records.ts';
import type { KrCheckIn, KrLogKind, KrState } from './okr-types.ts';

export type CatchballStanding = 'none' | 'proposed' | 'countered' | 'accepted' | 'rejected';

export interface CatchballThread {
  /** The proposals and decisions, oldest first. */
  steps: KrCheckIn[];
  standing: CatchballStanding;
  /** The target on the table: the last one proposed or countered (or accepted). */
  target: number | null;
  /** Whose move it is: the enterprise leader's after a proposal, the plant's after a counter or rejection. */
  waitingFor: 'enterprise' | 'plant' | null;
}

const STANDING: Partial<Record<KrLogKind, CatchballStanding>> = { propose: 'proposed', counter: 'countered', accept: 'accepted', reject: 'rejected' };

export function catchballThread(log: readonly KrCheckIn[], keyResultId: string): CatchballThread {
  const steps = log
    .filter((e) => e.keyResultId === keyResultId && logKindOf(e) !== 'check_in')
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let target: number | null = null;
  let standing: CatchballStanding = 'none';
  for (const s of steps) {
    const kind = logKindOf(s);
    standing = STANDING[kind] ?? standing;
    if (kind !== 'reject' && s.target !== undefined) target = s.target;
  }
  const waitingFor = standing === 'proposed' ? 'enterprise' : standing === 'countered' || standing === 'rejected' ? 'plant' : null;
  return { steps, standing, target, waitingFor };
}

/** The key result's state a thread leads to: active once accepted, rejected when rejected, else proposed. */
export function stateAfter(thread: CatchballThread): KrState {
  return thread.standing === 'accepted' ? 'active' : thread.standing === 'rejected' ? 'rejected' : 'proposed';
}

/** Whether the next step of `kind` fits the thread: a decision answers a proposal, a proposal follows nothing, a counter or a rejection. */
export function fitsThread(thread: CatchballThread, kind: KrLogKind): boolean {
  if (kind === 'check_in') return false;
  if (isCatchballDecision(kind)) return thread.standing === 'proposed';
  return thread.standing === 'none' || thread.standing === 'countered' || thread.standing === 'rejected';
}
