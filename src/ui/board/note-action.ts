/**
 * "Note action" from the tier meeting: a new improvement action (a card on
 * the improvement-action board, status to do) with an owner and a due date,
 * linked to the escalation it came from when there is one, and naming the
 * person who noted it (`notedBy`).
 *
 * An improvement action is a mutable record: created with createMutable and
 * stamped with a hybrid logical clock whose node id is this device, so later
 * edits on other devices merge field by field.
 *
 * Written to the local database; the sync client sends it when the server can
 * be reached, from a tablet and from a wall screen alike. A wall screen pushes
 * nothing else, and the server authorises the action as its `notedBy`, never
 * as whoever is signed in when the push goes (SPEC [P4], [A9]): the supervisor
 * signs in with their PIN for this one action, and the screen may be offline
 * until long after the meeting.
 */
import type { TierboardDatabase } from '../../db/database.ts';
import { insertImprovementAction } from '../../db/okr/improvement-action-db.ts';
import { createHlc, tick } from '../../domain/merge/hlc.ts';
import { newId } from '../../domain/records/ids.ts';
import { createMutable } from '../../domain/merge/merge.ts';
import { denialRefusal } from '../../domain/people/permissions.ts';
import type { Refusal } from '../../domain/records/refusal.ts';
import type { ImprovementAction } from '../../domain/okr/okr-types.ts';
import type { Person } from '../../domain/people/people-types.ts';
import type { ProductionDate } from '../../domain/records/record-types.ts';

export interface NoteActionInput {
  plantId: string;
  title: string;
  ownerId: string;
  due: ProductionDate;
  /** The person who noted it: signed in on the tablet, or with their PIN for this action on a wall screen. */
  notedBy: string;
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
      notedBy: input.notedBy,
    },
    stamp,
  );
}

export async function noteAction(db: Pick<TierboardDatabase, 'improvement_actions'>, input: NoteActionInput, ctx: NoteActionContext): Promise<ImprovementAction> {
  const action = buildImprovementAction(input, ctx);
  await insertImprovementAction(db, action);
  return action;
}

/**
 * Why this person may not note an action for the plant, or null: the rule book's `edit_action`,
 * the check the server makes on the action's `notedBy` ([P4]). Asked without the device: the
 * rule book refuses every write from a wall screen, and noting actions is the server's exception.
 */
export function noteActionRefusal(person: Pick<Person, 'role' | 'plantId'>, plantId: string): Refusal | null {
  return denialRefusal({ role: person.role, plantId: person.plantId }, 'edit_action', { plantId });
}
