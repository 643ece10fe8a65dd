/**
 * What the signed-in person may do on the reading screen, asked of the rule
 * book the sync server uses too (src/domain/people/permissions.ts), with this
 * device: a step the server would refuse is not offered. Recording needs
 * `record_reading` at the line's plant; correcting (a reading that supersedes
 * another, which is also what a second value for a recorded KPI becomes)
 * needs `correct_reading`. The refusal is said in the screen's language,
 * with who may do it instead.
 */
import { denialRefusal, denialText, type Action, type ActingDevice, ROLE_ACTIONS } from '../../domain/people/permissions.ts';
import type { Person, Role } from '../../domain/people/people-types.ts';
import type { Refusal } from '../../domain/records/refusal.ts';
import { t, type MessageParams } from '../i18n/t.ts';
import type { MessageKey } from '../i18n/app-messages-en.ts';
import type { RefusedReading } from '../../db/readings/reading-data.ts';

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

/** "shift leads, supervisors and plant heads", in the screen's language, from the rule book's table. */
export function whoMayText(action: ReadingAction): string {
  const roles = ROLE_ACTIONS[action].map((role: Role) => t(`rights.roles.${role}` as MessageKey));
  if (roles.length <= 1) return roles[0] ?? '';
  return t('rights.list', { first: roles.slice(0, -1).join(', '), last: roles[roles.length - 1] ?? '' });
}

/** The refusal in plain words: what is not possible, and who can do it instead. */
export function rightsText(r: Refusal, action: ReadingAction): string {
  const params: MessageParams = { ...(r.params ?? {}), who: whoMayText(action) };
  switch (r.code) {
    case 'roleCannot':
      return t(`rights.roleCannot.${action}`, { ...params, role: t(`rights.role.${String(r.params?.role)}` as MessageKey) });
    case 'wallScreen':
    case 'deviceOtherPlant':
    case 'otherPlant':
    case 'inactive':
      return t(`rights.${r.code}.${action}`, params);
    default:
      return denialText(r) ?? r.code;
  }
}

/** Why the server refused a reading of this device, and the way forward, in the screen's language. */
export function refusedReadingText(r: RefusedReading, personName: string): { reason: string; way: string } {
  const action: ReadingAction = r.reading.supersedes !== '' ? 'correct_reading' : 'record_reading';
  if (r.error === 'not_allowed') {
    return { reason: t(`refused.notAllowed.${action}`, { name: personName }), way: t(`refused.way.${action}`, { who: whoMayText(action) }) };
  }
  return { reason: t(`refused.other.${action}`, { message: r.message || r.error }), way: t('refused.way.other') };
}
