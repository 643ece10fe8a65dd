import { describe, expect, it } from 'vitest';
import { validateHandover } from '../../domain/handover/handover-rules.ts';
import { previousShiftInstance, shiftInstanceAt } from '../../domain/shift/shift-calendar.ts';
import type { HandoverCheckIn } from '../../domain/handover/handover-types.ts';
import { testPattern, testPerson, testPlant } from '../../db/testing/test-fixtures.ts';
import { HANDOVER_GRACE_MINUTES, freezeHandover, maySignHandover, previousCheckIn, shiftToHandOver, signHandover } from './handover-draft.ts';

const plant = testPlant();
const pattern = testPattern();
/** 14:20 in Berlin (13:20 UTC): 20 minutes into the late shift. */
const AFTER_BELL = Date.UTC(2026, 10, 20, 13, 20);
const late = shiftInstanceAt(plant, pattern, 'line-t1', new Date(AFTER_BELL));
const early = previousShiftInstance(plant, pattern, late);
let n = 0;
const random = () => ((n = (n + 0.37) % 1), n);

function checkIn(over: Partial<HandoverCheckIn>): HandoverCheckIn {
  return {
    id: 'h', plantId: 'plant-t', lineId: 'line-t1', shiftCode: 'N', productionDate: '2026-11-19', outgoingLeadId: 'a', incomingLeadId: 'b',
    notes: '', safetyItems: [], openItems: [], acknowledgedItemIds: [], readingsSnapshot: {}, deviceId: 'd', signedAt: '2026-11-20T04:58:00.000Z', receivedAt: '', ...over,
  };
}

describe('which shift is handed over', () => {
  it(`is the shift that just ended during the first ${HANDOVER_GRACE_MINUTES} minutes of the next, until it has a check-in`, () => {
    expect([late.shiftCode, early.shiftCode]).toEqual(['L', 'E']);
    expect(shiftToHandOver(late, early, AFTER_BELL, []).shiftCode).toBe('E');
    expect(shiftToHandOver(late, early, AFTER_BELL, [checkIn({ id: 'e', shiftCode: 'E', productionDate: '2026-11-20' })]).shiftCode).toBe('L');
    expect(shiftToHandOver(late, early, Date.parse(late.startsAt) + HANDOVER_GRACE_MINUTES * 60_000, []).shiftCode).toBe('L');
  });
});

describe('previousCheckIn', () => {
  it('is the latest check-in of an earlier shift of the line, never one of the shift itself or another line', () => {
    const night = checkIn({ id: 'n1' });
    const nightAck = checkIn({ id: 'n2', signedAt: '2026-11-20T06:30:00.000Z' });
    const own = checkIn({ id: 'own', shiftCode: 'E', productionDate: '2026-11-20', signedAt: '2026-11-20T12:55:00.000Z' });
    const otherLine = checkIn({ id: 'x', lineId: 'line-t2', signedAt: '2026-11-20T07:00:00.000Z' });
    expect(previousCheckIn(early, [own, nightAck, night, otherLine], Date.parse(early.endsAt))?.id).toBe('n2');
    expect(previousCheckIn(early, [own], Date.parse(early.endsAt))).toBeNull();
  });
});

describe('freezing and signing', () => {
  it('carries undone items unchanged, adds new ones dated today, trims text, and signs with a clock-corrected time', () => {
    const previous = checkIn({ openItems: [{ id: 'i1', text: 'Sensor S4', since: '2026-11-18' }, { id: 'i2', text: 'Guard loose', since: '2026-11-19' }] });
    const frozen = freezeHandover({
      shift: early, previous, readingsSnapshot: { k: 1 }, outgoingLeadId: 'tom', deviceId: 'dev', nowMs: AFTER_BELL, random,
      draft: { notes: '  Quiet.  ', safetyItems: [' Oil at 3 ', '  '], newItems: ['Gloves', ' '], doneIds: ['i2'], pendingSafety: '', pendingItem: '' },
    });
    expect(frozen).toMatchObject({ id: '', incomingLeadId: '', signedAt: '', notes: 'Quiet.', safetyItems: ['Oil at 3'], shiftCode: 'E', productionDate: '2026-11-20' });
    expect(frozen.openItems.map((i) => [i.text, i.since])).toEqual([['Sensor S4', '2026-11-18'], ['Gloves', '2026-11-20']]);
    expect(validateHandover(frozen, previous)).toBeNull();

    const ids = frozen.openItems.map((i) => i.id);
    const signed = signHandover(frozen, { incomingLeadId: 'lea', acknowledgedItemIds: [...ids].reverse(), signedAtMs: AFTER_BELL + 1500, deviceId: 'dev', random });
    expect(signed).toMatchObject({ incomingLeadId: 'lea', acknowledgedItemIds: ids, signedAt: new Date(AFTER_BELL + 1500).toISOString(), receivedAt: '' });
    expect(signed.id).toHaveLength(26);
    expect(validateHandover(signed, previous)).toBeNull();
    expect(frozen.incomingLeadId).toBe('');
  });
});

describe('maySignHandover', () => {
  it('follows the rule book: leads of this plant, active', () => {
    expect(maySignHandover(testPerson({ role: 'shift_lead' }), 'plant-t')).toBe(true);
    expect(maySignHandover(testPerson({ role: 'plant_head' }), 'plant-t')).toBe(true);
    expect(maySignHandover(testPerson({ role: 'operator' }), 'plant-t')).toBe(false);
    expect(maySignHandover(testPerson({ role: 'shift_lead' }), 'plant-other')).toBe(false);
    expect(maySignHandover(testPerson({ role: 'shift_lead', active: false }), 'plant-t')).toBe(false);
    // Asked with the device, as the server asks: a wall screen signs nothing, a tablet of another plant neither.
    expect(maySignHandover(testPerson({ role: 'shift_lead' }), 'plant-t', { kind: 'tablet', plantId: 'plant-t' })).toBe(true);
    expect(maySignHandover(testPerson({ role: 'shift_lead' }), 'plant-t', { kind: 'wall_screen', plantId: 'plant-t' })).toBe(false);
    expect(maySignHandover(testPerson({ role: 'shift_lead' }), 'plant-t', { kind: 'tablet', plantId: 'plant-other' })).toBe(false);
  });
});
