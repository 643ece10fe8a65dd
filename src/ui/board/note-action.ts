/**
 * "Note action" from the tier meeting: a new improvement action (a card on
 * the improvement-action board, status to do) with an owner and a due date,
 * linked to the escalation it came from when there is one.
 *
 * An improvement action is a mutable record: created with createMutable and
 * stamped with a hybrid logical clock whose node id is this device, so later
 * edits on other devices merge field by field.
 *
 * Written to the local database only. A wall screen's replication does not
 * push (the server answers 403 read_only_device to wall screens), so on an
 * enrolled wall screen the action stays on the screen until the server rule
 * for board-noted actions is decided; on a desktop or tablet it syncs as usual.
 */
import type { TierboardDatabase } from '../../db/database.ts';
import { createHlc, tick } from '../../domain/hlc.ts';
import { newId } from '../../domain/ids.ts';
import { createMutable } from '../../domain/merge.ts';
import type { ImprovementAction, ProductionDate } from '../../domain/types.ts';

export interface NoteActionInput {
  plantId: string;
  title: string;
  ownerId: string;
  due: ProductionDate;
  escalationId?: string;
}

export interface NoteActionContext {
  deviceId: string;
  nowMs: number;
  random: () => number;
}

export function buildImprovementAction(input: NoteActionInput, ctx: NoteActionContext): ImprovementAction {
  const { stamp } = tick(createHlc(ctx.deviceId), ctx.nowMs);
  return createMutable<ImprovementAction>(
    {
      id: newId(ctx.nowMs, ctx.random),
      plantId: input.plantId,
      title: input.title.trim(),
      status: 'todo',
      ownerId: input.ownerId,
      due: input.due,
      keyResultId: '',
      escalationId: input.escalationId ?? '',
    },
    stamp,
  );
}

export async function noteAction(db: Pick<TierboardDatabase, 'improvement_actions'>, input: NoteActionInput, ctx: NoteActionContext): Promise<ImprovementAction> {
  const action = buildImprovementAction(input, ctx);
  await db.improvement_actions.insert(action);
  return action;
}
