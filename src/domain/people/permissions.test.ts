import { describe, expect, it } from 'vitest';
import { COLLECTION_NAMES, type CollectionName } from '../records/collections.ts';
import { ACTIONS, ROLE_ACTIONS, can, explainDenial, explainRoleGrant, isEnterpriseRole, roleGrantRefusal, writeActionFor, type Action, type ActingDevice, type Actor } from './permissions.ts';
import { ESCALATION_EVENT_TYPES } from '../escalation/escalation-types.ts';
import { ROLES, type Role } from './people-types.ts';

const P1 = { plantId: 'p1' };
const P2 = { plantId: 'p2' };
const ENTERPRISE = { plantId: '' };
const tablet: ActingDevice = { kind: 'tablet', plantId: 'p1' };
const wall: ActingDevice = { kind: 'wall_screen', plantId: 'p1' };
const as = (role: Role, plantId = 'p1'): Actor => ({ role, plantId });

/** The expected role table, written out by hand as the rule book reads. */
const Y = true;
const N = false;
//                               op  lead resp sup  head padm eldr eadm
const table: [Action, boolean[]][] = [
  ['record_reading',            [Y,  Y,   N,   Y,   Y,   N,   N,   N]],
  ['correct_reading',           [N,  Y,   N,   Y,   Y,   N,   N,   N]],
  ['sign_handover',             [N,  Y,   N,   Y,   Y,   N,   N,   N]],
  ['raise_escalation',          [Y,  Y,   Y,   Y,   Y,   N,   N,   N]],
  ['acknowledge_escalation',    [N,  Y,   Y,   Y,   Y,   N,   N,   N]],
  ['escalate_escalation',       [Y,  Y,   Y,   Y,   Y,   Y,   N,   N]],
  ['comment_escalation',        [Y,  Y,   Y,   Y,   Y,   N,   Y,   N]],
  ['contain_escalation',        [N,  Y,   Y,   Y,   Y,   N,   N,   N]],
  ['resolve_escalation',        [N,  Y,   Y,   Y,   Y,   N,   N,   N]],
  ['close_escalation',          [N,  N,   N,   Y,   Y,   N,   N,   N]],
  ['reopen_escalation',         [N,  N,   N,   Y,   Y,   N,   N,   N]],
  ['reassign_escalation',       [N,  Y,   Y,   Y,   Y,   N,   N,   N]],
  ['edit_kpi_definition',       [N,  N,   N,   N,   N,   Y,   N,   Y]],
  ['edit_plant_config',         [N,  N,   N,   N,   N,   Y,   N,   Y]],
  ['enroll_device',             [N,  N,   N,   N,   N,   Y,   N,   Y]],
  ['change_device_line',        [N,  Y,   N,   Y,   Y,   Y,   N,   Y]],
  ['edit_enterprise',           [N,  N,   N,   N,   N,   N,   N,   Y]],
  ['edit_objective',            [N,  N,   N,   Y,   Y,   N,   Y,   Y]],
  ['checkin_key_result',        [N,  Y,   N,   Y,   Y,   N,   Y,   Y]],
  ['edit_action',               [N,  Y,   Y,   Y,   Y,   N,   Y,   Y]],
  ['edit_enterprise_objective', [N,  N,   N,   N,   N,   N,   Y,   N]],
  ['propose_key_result',        [N,  N,   N,   N,   Y,   N,   N,   N]],
  ['decide_catchball',          [N,  N,   N,   N,   N,   N,   Y,   N]],
];

describe('role table (own plant, on a tablet of that plant)', () => {
  it('covers every action', () => {
    expect(table.map(([a]) => a).sort()).toEqual([...ACTIONS].sort());
  });
  const cases = table.flatMap(([action, row]) => ROLES.map((role, i) => [action, role, row[i]] as const));
  it.each(cases)('%s by %s -> %s', (action, role, expected) => {
    expect(can(as(role), action, P1, tablet)).toBe(expected);
    expect(explainDenial(as(role), action, P1, tablet) === null).toBe(expected);
  });
});

describe('devices', () => {
  it.each(ACTIONS.map((a) => [a] as const))('a wall screen cannot %s, whoever is signed in', (action) => {
    for (const role of ROLES) expect(can(as(role), action, P1, wall)).toBe(false);
    expect(explainDenial(as('plant_head'), action, P1, wall)).toMatch(/wall screen only displays/);
  });

  it('a tablet writes only its own plant, even for an enterprise admin', () => {
    expect(can(as('enterprise_admin', ''), 'edit_plant_config', P2, tablet)).toBe(false);
    expect(explainDenial(as('enterprise_admin', ''), 'edit_plant_config', P2, tablet)).toBe(
      'This device is enrolled at plant p1; it cannot write records of plant p2.',
    );
    expect(can(as('enterprise_admin', ''), 'edit_plant_config', P2)).toBe(true);
  });

  it('a tablet may carry an enterprise role’s edit of an enterprise-wide record', () => {
    expect(can(as('enterprise_leader', ''), 'edit_objective', ENTERPRISE, tablet)).toBe(true);
    expect(can(as('plant_head'), 'edit_objective', ENTERPRISE, tablet)).toBe(false);
  });
});

describe('plants', () => {
  it('keeps plant roles in their own plant', () => {
    expect(can(as('shift_lead', 'p1'), 'sign_handover', P2)).toBe(false);
    expect(explainDenial(as('shift_lead', 'p1'), 'sign_handover', P2)).toBe('You work at plant p1; this record belongs to plant p2.');
    expect(can(as('plant_admin', 'p1'), 'edit_kpi_definition', P2)).toBe(false);
  });

  it('[K5] a catchball decision is the enterprise leader\'s alone, a proposal the plant head\'s', () => {
    expect(can(as('enterprise_leader', ''), writeActionFor('kr_checkins', { kind: 'accept' }), P1)).toBe(true);
    expect(explainDenial(as('plant_head'), writeActionFor('kr_checkins', { kind: 'counter' }), P1)).toBe(
      'A plant head cannot accept, counter or reject proposed key results; enterprise leaders can.',
    );
    expect(can(as('enterprise_admin', ''), 'decide_catchball', P1)).toBe(false);
    expect(can(as('plant_head'), writeActionFor('kr_checkins', { kind: 'propose' }), P1)).toBe(true);
    expect(can(as('plant_head'), 'propose_key_result', P2)).toBe(false);
    expect(can(as('plant_head'), writeActionFor('objectives', { level: 'enterprise' }), ENTERPRISE)).toBe(false);
    expect(can(as('enterprise_admin', ''), writeActionFor('objectives', { level: 'enterprise' }), ENTERPRISE)).toBe(false);
    expect(can(as('enterprise_leader', ''), writeActionFor('objectives', { level: 'cycle' }), ENTERPRISE)).toBe(true);
  });

  it('lets enterprise roles act across plants', () => {
    expect(can(as('enterprise_leader', ''), 'edit_objective', P2)).toBe(true);
    expect(can(as('enterprise_admin', 'p1'), 'edit_kpi_definition', P2)).toBe(true);
  });

  it('keeps enterprise-wide records for enterprise roles', () => {
    expect(can(as('plant_admin'), 'edit_kpi_definition', ENTERPRISE)).toBe(false);
    expect(explainDenial(as('plant_admin'), 'edit_kpi_definition', ENTERPRISE)).toBe(
      'Only enterprise roles can change KPI definitions for the whole enterprise.',
    );
    expect(can(as('enterprise_admin', ''), 'edit_kpi_definition', ENTERPRISE)).toBe(true);
  });
});

describe('roleGrantRefusal: who may give a person record a role', () => {
  const PLANT_ROLES = ROLES.filter((r) => !isEnterpriseRole(r));
  const ENTERPRISE_ROLES = ROLES.filter((r) => isEnterpriseRole(r));

  it('lets a plant admin give and change plant roles', () => {
    for (const granted of PLANT_ROLES) {
      expect(roleGrantRefusal(as('plant_admin'), granted, null)).toBeNull();
      for (const held of PLANT_ROLES) expect(roleGrantRefusal(as('plant_admin'), granted, held)).toBeNull();
    }
  });

  it('never lets a plant admin give an enterprise role, to a new person or an existing one', () => {
    for (const granted of ENTERPRISE_ROLES) {
      expect(roleGrantRefusal(as('plant_admin'), granted, null)).toEqual({ code: 'enterpriseRoleGrant', params: { role: granted } });
      expect(roleGrantRefusal(as('plant_admin'), granted, 'plant_admin')).toEqual({ code: 'enterpriseRoleGrant', params: { role: granted } });
    }
    expect(explainRoleGrant(as('plant_admin'), 'enterprise_admin', 'plant_admin')).toBe(
      'Only enterprise roles can make someone an enterprise admin; plant admins give the plant roles of their own plant.',
    );
  });

  it('never lets a plant admin change the record of someone holding an enterprise role (demote, rename, deactivate)', () => {
    for (const held of ENTERPRISE_ROLES) {
      for (const granted of ROLES) expect(roleGrantRefusal(as('plant_admin'), granted, held)).toEqual({ code: 'enterpriseRoleHeld', params: { role: held } });
    }
    expect(explainRoleGrant(as('plant_admin'), 'operator', 'enterprise_leader')).toBe('This person is an enterprise leader; only enterprise roles can change their record.');
  });

  it('lets enterprise roles give and change every role', () => {
    for (const actor of ENTERPRISE_ROLES) {
      for (const granted of ROLES) for (const held of [null, ...ROLES]) expect(roleGrantRefusal(as(actor, ''), granted, held)).toBeNull();
    }
  });
});

describe('explainDenial wording', () => {
  it('says who can instead', () => {
    expect(explainDenial(as('operator'), 'close_escalation', P1, tablet)).toBe(
      'An operator cannot verify and close escalations; supervisors and plant heads can.',
    );
    expect(explainDenial(as('responder'), 'edit_enterprise', P1)).toBe(
      'A responder cannot change the enterprise settings; enterprise admins can.',
    );
  });

  it('refuses an unknown action rather than allowing it', () => {
    expect(can(as('enterprise_admin', ''), 'launch_rocket' as Action, P1)).toBe(false);
  });

  it('lists every role only once per action', () => {
    for (const action of ACTIONS) expect(new Set(ROLE_ACTIONS[action]).size).toBe(ROLE_ACTIONS[action].length);
  });
});

describe('writeActionFor', () => {
  const byCollection: [CollectionName, unknown, Action][] = [
    ['enterprises', {}, 'edit_enterprise'],
    ['plants', {}, 'edit_plant_config'],
    ['lines', {}, 'edit_plant_config'],
    ['shift_patterns', {}, 'edit_plant_config'],
    ['people', {}, 'edit_plant_config'],
    ['devices', {}, 'enroll_device'],
    ['kpi_definitions', {}, 'edit_kpi_definition'],
    ['kpi_readings', { supersedes: '' }, 'record_reading'],
    ['kpi_readings', { supersedes: '01K5READING000000000000000' }, 'correct_reading'],
    ['handovers', {}, 'sign_handover'],
    ['escalations', {}, 'raise_escalation'],
    ['objectives', {}, 'edit_objective'],
    ['objectives', { level: 'plant' }, 'edit_objective'],
    ['objectives', { level: 'line' }, 'edit_objective'],
    ['objectives', { level: 'enterprise' }, 'edit_enterprise_objective'],
    ['objectives', { level: 'cycle' }, 'edit_enterprise_objective'],
    ['key_results', {}, 'edit_objective'],
    ['kr_checkins', {}, 'checkin_key_result'],
    ['kr_checkins', { kind: 'check_in' }, 'checkin_key_result'],
    ['kr_checkins', { kind: 'propose' }, 'propose_key_result'],
    ['kr_checkins', { kind: 'accept' }, 'decide_catchball'],
    ['kr_checkins', { kind: 'counter' }, 'decide_catchball'],
    ['kr_checkins', { kind: 'reject' }, 'decide_catchball'],
    ['improvement_actions', {}, 'edit_action'],
  ];
  it.each(byCollection)('%s %j -> %s', (collection, record, action) => {
    expect(writeActionFor(collection, record)).toBe(action);
  });

  it('covers every collection in the registry', () => {
    const covered = new Set(byCollection.map(([c]) => c));
    covered.add('escalation_events');
    expect([...covered].sort()).toEqual([...COLLECTION_NAMES].sort());
  });

  const events: [string, Action][] = [
    ['raised', 'raise_escalation'],
    ['acknowledged', 'acknowledge_escalation'],
    ['escalated', 'escalate_escalation'],
    ['reassigned', 'reassign_escalation'],
    ['commented', 'comment_escalation'],
    ['contained', 'contain_escalation'],
    ['resolved', 'resolve_escalation'],
    ['closed', 'close_escalation'],
    ['reopened', 'reopen_escalation'],
  ];
  it.each(events)('escalation event %s -> %s', (type, action) => {
    expect(writeActionFor('escalation_events', { type })).toBe(action);
  });

  it('knows every escalation event type and refuses unknown ones', () => {
    expect(events.map(([t]) => t).sort()).toEqual([...ESCALATION_EVENT_TYPES].sort());
    expect(() => writeActionFor('escalation_events', { type: 'teleported' })).toThrow(TypeError);
    expect(() => writeActionFor('escalation_events', null)).toThrow(TypeError);
    expect(() => writeActionFor('nonsense' as CollectionName, {})).toThrow(TypeError);
    expect(() => writeActionFor('kr_checkins', { kind: 'shrug' })).toThrow(TypeError);
  });

  it('an operator may push a reading but not a closing event', () => {
    const op = as('operator');
    expect(can(op, writeActionFor('kpi_readings', { supersedes: '' }), P1, tablet)).toBe(true);
    expect(can(op, writeActionFor('escalation_events', { type: 'closed' }), P1, tablet)).toBe(false);
  });
});
