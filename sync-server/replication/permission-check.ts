/**
 * The server's role check, in one place.
 *
 * Stopgap: src/domain/permissions.ts (`can`, `explainDenial`,
 * `writeActionFor`), shared with the PWA, was not there when this was
 * written. When it lands, these two functions delegate to it and the table
 * below goes; nothing else in the server changes. The table follows the
 * roles of design.md ("who uses it").
 */
import type { CollectionName } from '../../src/domain/collections.ts';
import type { Person, Role } from '../../src/domain/types.ts';
import type { DeviceAuth } from '../store/store.ts';

export type WriteAction =
  | 'record_reading'
  | 'sign_handover'
  | 'raise_escalation'
  | 'act_on_escalation'
  | 'close_escalation'
  | 'comment'
  | 'check_in_kr'
  | 'edit_okr'
  | 'edit_action'
  | 'configure_plant'
  | 'configure_enterprise'
  | 'enroll_device';

const FLOOR_LEADS: readonly Role[] = ['shift_lead', 'supervisor', 'plant_head', 'plant_admin', 'enterprise_admin'];
const EVERYONE: readonly Role[] = ['operator', 'shift_lead', 'responder', 'supervisor', 'plant_head', 'plant_admin', 'enterprise_leader', 'enterprise_admin'];

const ALLOWED: Record<WriteAction, readonly Role[]> = {
  record_reading: ['operator', ...FLOOR_LEADS],
  sign_handover: FLOOR_LEADS,
  raise_escalation: ['operator', ...FLOOR_LEADS],
  act_on_escalation: ['responder', ...FLOOR_LEADS],
  close_escalation: ['shift_lead', 'supervisor', 'plant_head', 'plant_admin', 'enterprise_admin'],
  comment: EVERYONE,
  check_in_kr: ['shift_lead', 'supervisor', 'plant_head', 'plant_admin', 'enterprise_leader', 'enterprise_admin'],
  edit_okr: ['supervisor', 'plant_head', 'plant_admin', 'enterprise_leader', 'enterprise_admin'],
  edit_action: EVERYONE,
  configure_plant: ['plant_admin', 'enterprise_admin'],
  configure_enterprise: ['enterprise_admin'],
  enroll_device: ['plant_admin', 'enterprise_admin'],
};

const WORDS: Record<WriteAction, string> = {
  record_reading: 'record KPI readings',
  sign_handover: 'sign a shift handover',
  raise_escalation: 'raise an escalation',
  act_on_escalation: 'acknowledge, contain or resolve an escalation',
  close_escalation: 'close or reopen an escalation',
  comment: 'comment',
  check_in_kr: 'check in on a key result',
  edit_okr: 'change objectives and key results',
  edit_action: 'change improvement actions',
  configure_plant: 'change the plant set-up',
  configure_enterprise: 'change the enterprise set-up',
  enroll_device: 'enroll or remove devices',
};

const ENTERPRISE_ROLES: ReadonlySet<Role> = new Set(['enterprise_leader', 'enterprise_admin']);

export function writeActionOf(collection: CollectionName, record: Record<string, unknown>, _deleted: boolean): WriteAction {
  switch (collection) {
    case 'kpi_readings':
      return 'record_reading';
    case 'handovers':
      return 'sign_handover';
    case 'escalations':
      return 'raise_escalation';
    case 'escalation_events':
      switch (record.type) {
        case 'raised':
          return 'raise_escalation';
        case 'commented':
        // A tier timer runs out on whichever device notices first, whoever is signed in.
        case 'escalated':
          return 'comment';
        case 'closed':
        case 'reopened':
          return 'close_escalation';
        default:
          return 'act_on_escalation';
      }
    case 'kr_checkins':
      return 'check_in_kr';
    case 'objectives':
    case 'key_results':
      return 'edit_okr';
    case 'improvement_actions':
      return 'edit_action';
    case 'enterprises':
      return 'configure_enterprise';
    default:
      return 'configure_plant';
  }
}

/** Null when allowed, else a sentence for the person at the tablet. */
export function mayActFor(person: Person, action: WriteAction, target: { plantId: string }, device: DeviceAuth): string | null {
  const enterpriseRole = ENTERPRISE_ROLES.has(person.role);
  if (device.kind === 'wall_screen') return 'A wall screen only shows the board; it cannot change records.';
  if (target.plantId === '' && !enterpriseRole && action !== 'enroll_device') {
    return `${person.name} is ${roleWords(person.role)} and may not change enterprise-wide records; that takes an enterprise role.`;
  }
  if (target.plantId !== '' && person.plantId !== target.plantId && !enterpriseRole) {
    return `${person.name} works at plant ${person.plantId}, not at plant ${target.plantId}.`;
  }
  if (!ALLOWED[action].includes(person.role)) {
    return `${person.name} is ${roleWords(person.role)}, and ${roleWords(person.role)} may not ${WORDS[action]}.`;
  }
  return null;
}

function roleWords(role: Role): string {
  const words = role.replace(/_/g, ' ');
  return /^[aeiou]/.test(words) ? `an ${words}` : `a ${words}`;
}
