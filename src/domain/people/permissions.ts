/**
 * Who may do what: one rule book for the UI (which does not offer an action
 * it would refuse) and the sync server (which refuses it, authoritatively).
 *
 * Three checks, in this order, each with its own plain-language refusal:
 * 1. the device: a wall screen only displays; an enrolled device writes only
 *    its own plant's records (or enterprise-wide ones, which belong to no plant);
 * 2. the role: the action must be one the role does (table below);
 * 3. the plant: plant roles act in their own plant; only enterprise roles act
 *    across plants or on enterprise-wide records (plantId '').
 * A person record has one more check (roleGrantRefusal): only enterprise
 * roles give an enterprise role, or change a record that holds one.
 */
import type { CollectionName } from '../records/collections.ts';
import { refusal, type Refusal } from '../records/refusal.ts';
import { FLOOR_ROLES, isFloorRole, type DeviceKind, type Role } from './people-types.ts';
import type { EscalationEventType } from '../escalation/escalation-types.ts';

export const ACTIONS = [
  'record_reading',
  'correct_reading',
  'sign_handover',
  'raise_escalation',
  'acknowledge_escalation',
  'escalate_escalation',
  'comment_escalation',
  'contain_escalation',
  'resolve_escalation',
  'close_escalation',
  'reopen_escalation',
  'reassign_escalation',
  'edit_kpi_definition',
  'edit_plant_config',
  'enroll_device',
  'change_device_line',
  'edit_enterprise',
  'edit_objective',
  'checkin_key_result',
  'edit_action',
  'edit_enterprise_objective',
  'propose_key_result',
  'decide_catchball',
] as const;
export type Action = (typeof ACTIONS)[number];

export interface Actor {
  role: Role;
  /** The person's plant; '' for enterprise roles without a home plant. */
  plantId: string;
}
export interface Target {
  /** The record's plant; '' for enterprise-wide records. */
  plantId: string;
}
export interface ActingDevice {
  kind: DeviceKind;
  plantId: string;
}

const ENTERPRISE_ROLES: ReadonlySet<Role> = new Set(['enterprise_leader', 'enterprise_admin']);
const FLOOR: readonly Role[] = FLOOR_ROLES;
const LEADS: Role[] = ['shift_lead', 'supervisor', 'plant_head'];
const RESPONDERS: Role[] = ['shift_lead', 'responder', 'supervisor', 'plant_head'];
const VERIFIERS: Role[] = ['supervisor', 'plant_head'];
const ADMINS: Role[] = ['plant_admin', 'enterprise_admin'];

/**
 * The role table. Why some rows are as they are:
 * - correct_reading is for leads: a correction supersedes what an operator
 *   recorded, so someone accountable for the shift signs it off.
 * - escalate_escalation is the tier timer firing; any floor device with
 *   someone signed in records it, so it moves up even when offline.
 * - close/reopen are the verification step: the people who raised or fixed
 *   a problem do not also declare it closed.
 * - change_device_line moves a line tablet to another line: every reading
 *   and handover it records from then on counts for that line, so whoever
 *   runs a line (a shift lead or above) or the plant's admin allows it, not
 *   whoever happens to be signed in.
 * - OKRs (issue 12, item 9): the enterprise leader sets enterprise objectives and the cycles and
 *   decides catchball (accepts, counters or rejects a plant's proposed key results); a plant head
 *   proposes the plant's key results against an enterprise objective, and edits the plant's own
 *   objectives and key results (edit_objective, as supervisors do for their lines); a shift lead
 *   checks in and moves action cards; operators and wall screens read. Catchball is between the
 *   plant's head and the enterprise's leader, so neither an admin nor a supervisor stands in.
 */
export const ROLE_ACTIONS: Record<Action, readonly Role[]> = {
  record_reading: ['operator', ...LEADS],
  correct_reading: LEADS,
  sign_handover: LEADS,
  raise_escalation: FLOOR,
  acknowledge_escalation: RESPONDERS,
  escalate_escalation: [...FLOOR, 'plant_admin'],
  comment_escalation: [...FLOOR, 'enterprise_leader'],
  contain_escalation: RESPONDERS,
  resolve_escalation: RESPONDERS,
  close_escalation: VERIFIERS,
  reopen_escalation: VERIFIERS,
  reassign_escalation: [...LEADS, 'responder'],
  edit_kpi_definition: ADMINS,
  edit_plant_config: ADMINS,
  enroll_device: ADMINS,
  change_device_line: [...LEADS, ...ADMINS],
  edit_enterprise: ['enterprise_admin'],
  edit_objective: ['supervisor', 'plant_head', 'enterprise_leader', 'enterprise_admin'],
  checkin_key_result: ['shift_lead', 'supervisor', 'plant_head', 'enterprise_leader', 'enterprise_admin'],
  edit_action: ['shift_lead', 'responder', 'supervisor', 'plant_head', 'enterprise_leader', 'enterprise_admin'],
  edit_enterprise_objective: ['enterprise_leader'],
  propose_key_result: ['plant_head'],
  decide_catchball: ['enterprise_leader'],
};

export const ROLE_LABELS: Record<Role, string> = {
  operator: 'an operator',
  shift_lead: 'a shift lead',
  responder: 'a responder',
  supervisor: 'a supervisor',
  plant_head: 'a plant head',
  plant_admin: 'a plant admin',
  enterprise_leader: 'an enterprise leader',
  enterprise_admin: 'an enterprise admin',
};

const ACTION_WORDS: Record<Action, string> = {
  record_reading: 'record KPI readings',
  correct_reading: 'correct KPI readings',
  sign_handover: 'sign the shift handover',
  raise_escalation: 'raise escalations',
  acknowledge_escalation: 'acknowledge escalations',
  escalate_escalation: 'move escalations up a tier',
  comment_escalation: 'comment on escalations',
  contain_escalation: 'record containment of escalations',
  resolve_escalation: 'resolve escalations',
  close_escalation: 'verify and close escalations',
  reopen_escalation: 'reopen escalations',
  reassign_escalation: 'reassign escalations',
  edit_kpi_definition: 'change KPI definitions',
  edit_plant_config: 'change plant configuration',
  enroll_device: 'enroll devices',
  change_device_line: 'change the line of a tablet',
  edit_enterprise: 'change the enterprise settings',
  edit_objective: 'change objectives and key results',
  checkin_key_result: 'check in on key results',
  edit_action: 'change improvement actions',
  edit_enterprise_objective: 'set enterprise objectives and OKR cycles',
  propose_key_result: 'propose key results in catchball',
  decide_catchball: 'accept, counter or reject proposed key results',
};

function whoMay(action: Action): string {
  const labels = ROLE_ACTIONS[action].map((r) => ROLE_LABELS[r].replace(/^an? /, '') + 's');
  return labels.length > 1 ? `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}` : (labels[0] ?? 'nobody');
}

function roleLabel(role: unknown): string {
  return ROLE_LABELS[String(role) as Role] ?? 'someone with an enterprise role';
}

export function isEnterpriseRole(role: Role): boolean {
  return ENTERPRISE_ROLES.has(role);
}

export { isFloorRole };

/**
 * [T2] Whether a step is privileged: it needs a person session the server verified itself,
 * and so works only online. Privileged are the actions no floor role holds (the roster and
 * plant configuration, KPI definitions, enrollment, the enterprise settings) and every action
 * on an enterprise-wide record (plantId '': enterprise objectives and key results, enterprise
 * KPI definitions). Floor steps (readings, handovers, escalation steps, plant objectives,
 * improvement actions) stay offline-first, the person checked by the PIN on the tablet.
 */
export function isPrivilegedStep(action: Action, target: Target): boolean {
  if (target.plantId === '') return true;
  return !ROLE_ACTIONS[action].some((r) => FLOOR.includes(r));
}

/**
 * Why the action is refused, as a code the screen words in its language;
 * null when it is allowed. Params: `action` and `role` are the codes
 * (Action, Role); plants are ids.
 */
export function denialRefusal(actor: Actor, action: Action, target: Target, device?: ActingDevice): Refusal | null {
  const allowed = ROLE_ACTIONS[action] as readonly Role[] | undefined;
  if (!allowed) return refusal('unknownAction', { action: String(action) });
  if (device) {
    if (device.kind === 'wall_screen') return refusal('wallScreen');
    if (target.plantId !== '' && device.plantId !== target.plantId) {
      return refusal('deviceOtherPlant', { devicePlant: device.plantId, plant: target.plantId });
    }
  }
  if (!allowed.includes(actor.role)) return refusal('roleCannot', { role: actor.role, action });
  if (isEnterpriseRole(actor.role)) return null;
  if (target.plantId === '') return refusal('enterpriseOnly', { action });
  if (actor.plantId !== target.plantId) return refusal('otherPlant', { actorPlant: actor.plantId || '(none)', plant: target.plantId });
  return null;
}

/**
 * Who may give a person record a role: on top of `edit_plant_config` in the
 * person's plant (denialRefusal), which lets plant admins look after their
 * own plant's roster. Enterprise roles reach every plant and the enterprise
 * settings, so a plant admin who could hand one out could make themselves
 * enterprise admin; and a record that holds one (someone at headquarters
 * sitting on a plant's roster) is not the plant's to demote, rename,
 * deactivate or remove. Only enterprise roles do either.
 *
 * `granted`: the role the record will carry; `held`: the role of the stored
 * record it changes, null for a new person.
 */
export function roleGrantRefusal(actor: Actor, granted: Role, held: Role | null): Refusal | null {
  if (isEnterpriseRole(actor.role)) return null;
  if (held !== null && isEnterpriseRole(held)) return refusal('enterpriseRoleHeld', { role: held });
  if (isEnterpriseRole(granted)) return refusal('enterpriseRoleGrant', { role: granted });
  return null;
}

/** roleGrantRefusal in English words for the person at the screen; null when allowed. */
export function explainRoleGrant(actor: Actor, granted: Role, held: Role | null): string | null {
  const r = roleGrantRefusal(actor, granted, held);
  return r ? (denialText(r) ?? r.code) : null;
}

/** The English sentence of a permission refusal (the server's words); null for a code that is not one. */
export function denialText(r: Refusal): string | null {
  const p = r.params ?? {};
  const action = String(p.action) as Action;
  switch (r.code) {
    case 'unknownAction':
      return `Unknown action ${JSON.stringify(p.action)}.`;
    case 'wallScreen':
      return 'A wall screen only displays the board; it cannot record or change anything.';
    case 'deviceOtherPlant':
      return `This device is enrolled at plant ${p.devicePlant}; it cannot write records of plant ${p.plant}.`;
    case 'roleCannot': {
      const who = ROLE_LABELS[String(p.role) as Role] ?? 'this role';
      return `${who.charAt(0).toUpperCase()}${who.slice(1)} cannot ${ACTION_WORDS[action]}; ${whoMay(action)} can.`;
    }
    case 'enterpriseOnly':
      return `Only enterprise roles can ${ACTION_WORDS[action]} for the whole enterprise.`;
    case 'otherPlant':
      return `You work at plant ${p.actorPlant}; this record belongs to plant ${p.plant}.`;
    case 'enterpriseRoleGrant':
      return `Only enterprise roles can make someone ${roleLabel(p.role)}; plant admins give the plant roles of their own plant.`;
    case 'enterpriseRoleHeld':
      return `This person is ${roleLabel(p.role)}; only enterprise roles can change their record.`;
    default:
      return null;
  }
}

/** Why the action is refused, in English words for the person at the screen; null when it is allowed. */
export function explainDenial(actor: Actor, action: Action, target: Target, device?: ActingDevice): string | null {
  const r = denialRefusal(actor, action, target, device);
  return r ? (denialText(r) ?? r.code) : null;
}

export function can(actor: Actor, action: Action, target: Target, device?: ActingDevice): boolean {
  return explainDenial(actor, action, target, device) === null;
}

const EVENT_ACTIONS: Record<EscalationEventType, Action> = {
  raised: 'raise_escalation',
  acknowledged: 'acknowledge_escalation',
  escalated: 'escalate_escalation',
  reassigned: 'reassign_escalation',
  commented: 'comment_escalation',
  contained: 'contain_escalation',
  resolved: 'resolve_escalation',
  closed: 'close_escalation',
  reopened: 'reopen_escalation',
};

function field(record: unknown, name: string): unknown {
  return record !== null && typeof record === 'object' ? (record as Record<string, unknown>)[name] : undefined;
}

/**
 * The action a pushed record needs, so the server can check `can` before
 * storing it. Throws on a record it cannot classify (an escalation event of
 * unknown type): the server refuses such a record rather than guess.
 */
export function writeActionFor(collection: CollectionName, record: unknown): Action {
  switch (collection) {
    case 'enterprises':
      return 'edit_enterprise';
    case 'plants':
    case 'lines':
    case 'shift_patterns':
    case 'people':
      return 'edit_plant_config';
    case 'devices':
      return 'enroll_device';
    case 'kpi_definitions':
      return 'edit_kpi_definition';
    case 'kpi_readings': {
      const supersedes = field(record, 'supersedes');
      return typeof supersedes === 'string' && supersedes !== '' ? 'correct_reading' : 'record_reading';
    }
    case 'handovers':
      return 'sign_handover';
    case 'escalations':
      return 'raise_escalation';
    case 'escalation_events': {
      const type = field(record, 'type');
      const action = typeof type === 'string' ? EVENT_ACTIONS[type as EscalationEventType] : undefined;
      if (!action) throw new TypeError(`writeActionFor: unknown escalation event type ${JSON.stringify(type)}`);
      return action;
    }
    case 'objectives': {
      // Enterprise objectives and the cycles are the enterprise leader's; plant and line objectives the plant's.
      const level = field(record, 'level');
      return level === 'enterprise' || level === 'cycle' ? 'edit_enterprise_objective' : 'edit_objective';
    }
    case 'key_results':
      return 'edit_objective';
    case 'kr_checkins': {
      // The key result's log: check-ins, and catchball's proposals and decisions (okr-types.ts).
      const kind = field(record, 'kind');
      if (kind === undefined || kind === 'check_in') return 'checkin_key_result';
      if (kind === 'propose') return 'propose_key_result';
      if (kind === 'accept' || kind === 'counter' || kind === 'reject') return 'decide_catchball';
      throw new TypeError(`writeActionFor: unknown key result log kind ${JSON.stringify(kind)}`);
    }
    case 'improvement_actions':
      return 'edit_action';
  }
  // Only reachable when an untyped caller passes a name outside the registry.
  throw new TypeError(`writeActionFor: unknown collection ${JSON.stringify(collection)}`);
}
