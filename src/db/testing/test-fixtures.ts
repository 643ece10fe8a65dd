/**
 * Small, explicit records for tests of the database and the screens (the
 * demo dataset is for people; tests want to see every number they assert on).
 */
import type { KpiDefinition } from '../../domain/kpi/kpi-types.ts';
import type { Line, Plant } from '../../domain/plant/plant-types.ts';
import type { Person } from '../../domain/people/people-types.ts';
import type { ShiftPattern } from '../../domain/shift/shift-types.ts';

const meta = () => ({ hlc: '000000000000000:000000:test', fieldClocks: {}, conflicts: [] });

/** Ana's PIN is 1234; only its salted PBKDF2 hash is kept, as for every person (src/domain/people/pin.ts). */
export const ANA_PIN = { pinSalt: '7465737466697874757265706572736f', pinHash: '5a475fefec1cb1c2c2af53ac4ad5258e4cd8f09c54840d9102c749614a33166d' };

export function testKpi(over: Partial<KpiDefinition> = {}): KpiDefinition {
  return {
    ...meta(),
    id: 'kpi-oee',
    plantId: 'plant-t',
    level: 'line',
    lineId: 'line-t1',
    area: '',
    code: 'T1-OEE',
    name: 'OEE',
    category: 'delivery',
    unit: '%',
    direction: 'higher_is_better',
    target: 85,
    amberThreshold: 80,
    redThreshold: 70,
    indicator: 'lagging',
    ownerId: 'person-ana',
    frequency: 'per_shift',
    formula: null,
    formulaInputs: {},
    plausibleMin: 0,
    plausibleMax: 100,
    decimals: 1,
    active: true,
    ...over,
  };
}

export function testPlant(over: Partial<Plant> = {}): Plant {
  return {
    ...meta(),
    id: 'plant-t',
    enterpriseId: 'ent-t',
    code: 'TST',
    name: 'Test Plant',
    timeZone: 'Europe/Berlin',
    locale: 'en-GB',
    shiftPatternId: 'pattern-t',
    tierLadder: [],
    idleSignOutMinutes: 30,
    ...over,
  };
}

export function testLine(over: Partial<Line> = {}): Line {
  return { ...meta(), id: 'line-t1', plantId: 'plant-t', area: 'Press shop', code: 'T1', name: 'Press line 1', active: true, ...over };
}

export function testPattern(over: Partial<ShiftPattern> = {}): ShiftPattern {
  return {
    ...meta(),
    id: 'pattern-t',
    plantId: 'plant-t',
    name: '3x8',
    kind: '3x8',
    shifts: [
      { code: 'E', name: 'Early', start: '06:00', durationMinutes: 480 },
      { code: 'L', name: 'Late', start: '14:00', durationMinutes: 480 },
      { code: 'N', name: 'Night', start: '22:00', durationMinutes: 480 },
    ],
    crews: [],
    rotationAnchor: null,
    rotation: [],
    ...over,
  };
}

export function testPerson(over: Partial<Person> = {}): Person {
  return { ...meta(), id: 'person-ana', plantId: 'plant-t', name: 'Ana Weber', badge: '1001', role: 'operator', ...ANA_PIN, active: true, ...over };
}

/** A shift lead of the test plant (same PIN as Ana): corrections are a lead's step in the rule book. */
export function testLead(over: Partial<Person> = {}): Person {
  return testPerson({ id: 'person-lea', name: 'Lea Brandt', badge: '1002', role: 'shift_lead', ...over });
}
