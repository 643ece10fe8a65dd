/**
 * The roles of the rule book (src/domain/people/permissions.ts) in the screen's language, and
 * "who may do this" worked out from its role table: the way forward a refused entry names
 * ("Ask one of them: shift leads, supervisors and plant heads"). Loaded with the screens that
 * show refused entries (escalations, handover, the sync details), never with the first screen.
 */
import { ROLE_ACTIONS, type Action } from '../../domain/people/permissions.ts';
import type { Role } from '../../domain/people/people-types.ts';
import { createCatalogue } from '../i18n/catalogue.ts';

export const roleWords = createCatalogue({
  en: {
    'list': '{first} and {last}',
    'role.operator': 'an operator',
    'role.shift_lead': 'a shift lead',
    'role.responder': 'a responder',
    'role.supervisor': 'a supervisor',
    'role.plant_head': 'a plant head',
    'role.plant_admin': 'a plant admin',
    'role.enterprise_leader': 'an enterprise leader',
    'role.enterprise_admin': 'an enterprise admin',
    'roles.operator': 'operators',
    'roles.shift_lead': 'shift leads',
    'roles.responder': 'responders',
    'roles.supervisor': 'supervisors',
    'roles.plant_head': 'plant heads',
    'roles.plant_admin': 'plant admins',
    'roles.enterprise_leader': 'enterprise leaders',
    'roles.enterprise_admin': 'enterprise admins',
  },
  de: {
    'list': '{first} und {last}',
    'role.operator': 'Bediener/in',
    'role.shift_lead': 'Schichtleiter/in',
    'role.responder': 'Einsatzkraft',
    'role.supervisor': 'Meister/in',
    'role.plant_head': 'Werkleiter/in',
    'role.plant_admin': 'Werksadministrator/in',
    'role.enterprise_leader': 'Unternehmensleitung',
    'role.enterprise_admin': 'Unternehmensadministrator/in',
    'roles.operator': 'Bediener/innen',
    'roles.shift_lead': 'Schichtleiter/innen',
    'roles.responder': 'Einsatzkräfte',
    'roles.supervisor': 'Meister/innen',
    'roles.plant_head': 'Werkleiter/innen',
    'roles.plant_admin': 'Werksadministrator/innen',
    'roles.enterprise_leader': 'die Unternehmensleitung',
    'roles.enterprise_admin': 'Unternehmensadministrator/innen',
  },
});

type RoleWordKey = Parameters<typeof roleWords>[0];

/** "a shift lead", in the screen's language. */
export function roleText(role: Role): string {
  return roleWords(`role.${role}` as RoleWordKey);
}

/** "shift leads, supervisors and plant heads": the roles the rule book lets do `action`. */
export function whoMayText(action: Action): string {
  const roles = ROLE_ACTIONS[action].map((role: Role) => roleWords(`roles.${role}` as RoleWordKey));
  if (roles.length <= 1) return roles[0] ?? '';
  return roleWords('list', { first: roles.slice(0, -1).join(', '), last: roles[roles.length - 1] ?? '' });
}
