/**
 * What the signed-in person may do on the reading screen, asked of the rule
 * book the sync server uses too (src/domain/people/permissions.ts), with this
 * device: a step the server would refuse is not offered. Recording needs
 * `record_reading` at the line's plant; correcting (a reading that supersedes
 * another, which is also what a second value for a recorded KPI becomes)
 * needs `correct_reading`. The refusal is said in the screen's language,
 * with who may do it instead.
 */
import { denialRefusal, denialText, type Action, type ActingDevice } from '../../domain/people/permissions.ts';
import type { Person, Role } from '../../domain/people/people-types.ts';
import type { Refusal } from '../../domain/records/refusal.ts';
import type { MessageParams } from '../i18n/t.ts';
import type { RefusedReading } from '../../db/readings/reading-data.ts';
import { rt } from './rights-messages.ts';
import { rft } from './refused-messages.ts';
// The roles in the screen's language and who may do what, shared with the other screens that show refusals.
import { roleText, whoMayText } from '../people/role-words.ts';

export interface ReadingRights {
  /** Why this person may not record here; null when they may. */
  record: Refusal | null;
  /** Why this person may not correct a reading here; null when they may. */
  correct: Refusal | null;
}

export function readingRights(person: Pick<Person, 'role' | 'plantId' | 'active'>, linePlantId: string, device: ActingDevice): ReadingRights {
  const actor = { role: person.role, plantId: person.plantId };
  const target = { plantId: linePlantId };
  const inactive: Refusal = { code: 'inactive' };
  return {
    record: person.active ? denialRefusal(actor, 'record_reading', target, device) : inactive,
    correct: person.active ? denialRefusal(actor, 'correct_reading', target, device) : inactive,
  };
}

type ReadingAction = Extract<Action, 'record_reading' | 'correct_reading'>;

/** The refusal in plain words: what is not possible, and who can do it instead. */
export function rightsText(r: Refusal, action: ReadingAction): string {
  const params: MessageParams = { ...(r.params ?? {}), who: whoMayText(action) };
  switch (r.code) {
    case 'roleCannot':
      return rt(`rights.roleCannot.${action}`, { ...params, role: roleText(r.params?.role as Role) });
    case 'wallScreen':
    case 'deviceOtherPlant':
    case 'otherPlant':
    case 'inactive':
      return rt(`rights.${r.code}.${action}`, params);
    default:
      return denialText(r) ?? r.code;
  }
}

/** Why the server refused a reading of this device, and the way forward, in the screen's language. */
export function refusedReadingText(r: RefusedReading, personName: string): { reason: string; way: string } {
  const action: ReadingAction = r.reading.supersedes !== '' ? 'correct_reading' : 'record_reading';
  if (r.error === 'not_allowed') {
    return { reason: rft(`refused.notAllowed.${action}`, { name: personName }), way: rft(`refused.way.${action}`, { who: whoMayText(action) }) };
  }
  return { reason: rft(`refused.other.${action}`, { message: r.message || r.error }), way: rft('refused.way.other') };
}

/** The title of the notice shown in place of the pad, and its button. */
export function rightsNoticeTitle(action: ReadingAction): string {
  return rt(action === 'record_reading' ? 'rights.cannotRecordTitle' : 'rights.cannotCorrectTitle');
}
export const rightsOk = (): string => rt('rights.ok');
