import { describe, expect, it } from 'vitest';
import {
  HANDOVER_NOTES_MAX,
  acknowledgeHandover,
  handoverRecordRefusal,
  handoverRefusal,
  handoverSummary,
  isAcknowledged,
  openItemsToCarry,
  pendingHandoverFor,
  validateHandover,
} from './handover-rules.ts';
import { currentReadings } from '../kpi/current-readings.ts';
import { HLC_ZERO } from '../merge/hlc.ts';
import type { HandoverCheckIn } from './handover-types.ts';
import type { KpiDefinition, KpiReading } from '../kpi/kpi-types.ts';
import type { ShiftInstance } from '../shift/shift-types.ts';

const late: ShiftInstance = {
  plantId: 'p1', lineId: 'l1', shiftCode: 'L', productionDate: '2026-03-02', crew: null,
  startsAt: '2026-03-02T13:00:00.000Z', endsAt: '2026-03-02T21:00:00.000Z',
};
const night: ShiftInstance = { ...late, shiftCode: 'N', startsAt: late.endsAt, endsAt: '2026-03-03T05:00:00.000Z' };

function def(id: string, extra: Partial<KpiDefinition> = {}): KpiDefinition {
  return {
    id, plantId: 'p1', level: 'line', lineId: 'l1', area: '', code: id, name: id, category: 'quality', unit: '%',
    direction: 'higher_is_better', target: 95, amberThreshold: 90, redThreshold: 85, indicator: 'lagging', ownerId: '',
    frequency: 'per_shift', formula: null, formulaInputs: {}, plausibleMin: 0, plausibleMax: 100, decimals: 1, active: true,
    hlc: HLC_ZERO, fieldClocks: {}, conflicts: [], ...extra,
  };
}
function reading(id: string, kpiId: string, value: number, extra: Partial<KpiReading> = {}): KpiReading {
  return {
    id, kpiId, plantId: 'p1', lineId: 'l1', shiftCode: 'L', productionDate: '2026-03-02', value, personId: 'op-1', deviceId: 'd1',
    recordedAt: '2026-03-02T15:00:00.000Z', clockOffsetMs: 0, note: '', supersedes: '', correctionReason: '', receivedAt: '', ...extra,
  };
}
function checkIn(extra: Partial<HandoverCheckIn> = {}): HandoverCheckIn {
  return {
    id: 'h-late', plantId: 'p1', lineId: 'l1', shiftCode: 'L', productionDate: '2026-03-02', outgoingLeadId: 'lead-l', incomingLeadId: 'lead-n',
    notes: 'Changeover to 4711 done.', safetyItems: ['Oil at station 3, cleaned'], openItems: [{ id: 'i1', text: 'Sensor S4 intermittent', since: '2026-03-01' }],
    acknowledgedItemIds: ['i1'], readingsSnapshot: {}, deviceId: 'd1', signedAt: '2026-03-02T20:55:00.000Z', receivedAt: '', ...extra,
  };
}

describe('handoverSummary', () => {
  const defs = [
    def('fpy'),
    def('scrap', { frequency: 'per_shift' }),
    def('output', { frequency: 'daily', unit: 'pcs' }),
    def('oee', { formula: 'oee' }),
    def('old', { active: false }),
  ];

  it('lists what was recorded and what is missing, counting daily KPIs once per production date', () => {
    const readings = [
      reading('r1', 'fpy', 96.5),
      reading('r2', 'output', 1200, { shiftCode: 'E' }),
      reading('r3', 'scrap', 2.0, { shiftCode: 'E' }),
      reading('r4', 'fpy', 90, { productionDate: '2026-03-01' }),
    ];
    const s = handoverSummary(late, defs, readings, null);
    expect(s.recorded.map((r) => [r.definition.id, r.reading.value])).toEqual([['fpy', 96.5], ['output', 1200]]);
    expect(s.missing.map((d) => d.id)).toEqual(['scrap']);
    expect(s.readingsSnapshot).toEqual({ fpy: 96.5, output: 1200 });
    expect(s.carriedIn).toEqual([]);
  });

  it('takes the correction, not the reading it supersedes, even when the correction was typed on a slow clock', () => {
    const first = reading('r1', 'fpy', 69.5, { recordedAt: '2026-03-02T15:00:00.000Z' });
    const fix = reading('r2', 'fpy', 96.5, { recordedAt: '2026-03-02T14:00:00.000Z', supersedes: 'r1', correctionReason: 'typo' });
    expect(currentReadings([first, fix]).get('fpy')?.value).toBe(96.5);
    expect(handoverSummary(late, defs, [fix, first], null).readingsSnapshot.fpy).toBe(96.5);
  });

  it('offers the previous check-in\'s open items to carry on', () => {
    const prev = checkIn({ shiftCode: 'E', id: 'h-early' });
    expect(handoverSummary(late, defs, [], prev).carriedIn).toEqual(prev.openItems);
  });
});

describe('openItemsToCarry', () => {
  it('keeps undone items unchanged, drops done ones, adds new ones dated today', () => {
    const prev = checkIn({ openItems: [{ id: 'i1', text: 'a', since: '2026-02-27' }, { id: 'i2', text: 'b', since: '2026-03-01' }] });
    let n = 0;
    const items = openItemsToCarry(prev, ['i2'], ['Guard on press 2 loose', '  '], late, () => `new-${++n}`);
    expect(items).toEqual([{ id: 'i1', text: 'a', since: '2026-02-27' }, { id: 'new-1', text: 'Guard on press 2 loose', since: '2026-03-02' }]);
  });
});

describe('validateHandover', () => {
  const prev = checkIn({ id: 'h-early', shiftCode: 'E', openItems: [{ id: 'i1', text: 'Sensor S4 intermittent', since: '2026-03-01' }] });
  const cases: [string, Partial<HandoverCheckIn>, RegExp | null][] = [
    ['a complete handover', {}, null],
    ['signed alone, nothing acknowledged', { incomingLeadId: '', acknowledgedItemIds: [] }, null],
    ['same lead both sides', { incomingLeadId: 'lead-l' }, /someone other/],
    ['no outgoing lead', { outgoingLeadId: '' }, /outgoing lead signs/],
    ['notes too long', { notes: 'x'.repeat(HANDOVER_NOTES_MAX + 1) }, /limited to 4000/],
    ['an item not acknowledged', { acknowledgedItemIds: [] }, /not acknowledged "Sensor S4 intermittent"/],
    ['acknowledging something never handed over', { acknowledgedItemIds: ['i1', 'zz'] }, /zz is not among/],
    ['carried item re-dated', { openItems: [{ id: 'i1', text: 'Sensor S4 intermittent', since: '2026-03-02' }] }, /open since 2026-03-01/],
    ['new item dated wrongly', { openItems: [{ id: 'i9', text: 'New', since: '2026-02-01' }], acknowledgedItemIds: ['i9'] }, /must be dated 2026-03-02/],
    ['empty safety item', { safetyItems: [' '] }, /safety item is empty/],
    ['acknowledged without an incoming lead', { incomingLeadId: '' }, /Only the incoming lead/],
  ];
  it.each(cases)('%s', (_name, change, expected) => {
    const result = validateHandover(checkIn(change), prev);
    if (expected === null) expect(result).toBeNull();
    else expect(result).toMatch(expected);
  });
});

describe('handoverRecordRefusal (the server\'s check, without the previous check-in)', () => {
  it('applies every rule that needs no previous check-in, the same as handoverRefusal', () => {
    const prev = checkIn({ id: 'h-early', shiftCode: 'E', openItems: [{ id: 'i1', text: 'Sensor S4 intermittent', since: '2026-03-01' }] });
    const broken: Partial<HandoverCheckIn>[] = [
      { incomingLeadId: 'lead-l' }, { outgoingLeadId: '' }, { acknowledgedItemIds: [] }, { acknowledgedItemIds: ['i1', 'zz'] },
      { safetyItems: [' '] }, { incomingLeadId: '' }, { notes: 'x'.repeat(HANDOVER_NOTES_MAX + 1) },
    ];
    for (const change of broken) {
      const c = checkIn(change);
      expect(handoverRecordRefusal(c)).toEqual(handoverRefusal(c, prev));
      expect(handoverRecordRefusal(c)).not.toBeNull();
    }
    expect(handoverRecordRefusal(checkIn())).toBeNull();
  });

  it('leaves the item dates to the signing tablet: a carried item keeps its older date without the previous check-in at hand', () => {
    // Carried in from the shift before: open since 2026-03-01, handed over on 2026-03-02.
    const carried = checkIn();
    expect(handoverRefusal(carried, null)).toEqual({ code: 'newItemDate', params: { text: 'Sensor S4 intermittent', date: '2026-03-02' } });
    expect(handoverRecordRefusal(carried)).toBeNull();
  });
});

describe('pendingHandoverFor', () => {
  const alone = checkIn({ incomingLeadId: '', acknowledgedItemIds: [] });

  it('shows the previous shift\'s check-in on the next shift\'s start screen until it is acknowledged', () => {
    expect(isAcknowledged(alone)).toBe(false);
    expect(pendingHandoverFor(night, [alone])?.id).toBe('h-late');
    const ack = acknowledgeHandover(alone, { id: 'h-late-ack', incomingLeadId: 'lead-n', acknowledgedItemIds: ['i1'], deviceId: 'd2', signedAt: '2026-03-02T21:20:00.000Z' });
    expect(validateHandover(ack, checkIn({ id: 'h-early', shiftCode: 'E' }))).toBeNull();
    expect(isAcknowledged(ack)).toBe(true);
    expect(pendingHandoverFor(night, [alone, ack])).toBeNull();
  });

  it('is nothing when the handover was signed in person, and ignores the shift\'s own and other lines\' check-ins', () => {
    expect(pendingHandoverFor(night, [checkIn()])).toBeNull();
    expect(pendingHandoverFor(late, [alone])).toBeNull();
    expect(pendingHandoverFor(night, [{ ...alone, lineId: 'l2' }])).toBeNull();
  });

  it('keeps showing an unacknowledged handover until a later shift hands over', () => {
    const nextDayEarly: ShiftInstance = { ...late, shiftCode: 'E', productionDate: '2026-03-03', startsAt: night.endsAt, endsAt: '2026-03-03T13:00:00.000Z' };
    expect(pendingHandoverFor(nextDayEarly, [alone])?.id).toBe('h-late');
    const nightSigned = checkIn({ id: 'h-night', shiftCode: 'N', signedAt: '2026-03-03T04:55:00.000Z', openItems: [], acknowledgedItemIds: [] });
    expect(pendingHandoverFor(nextDayEarly, [alone, nightSigned])).toBeNull();
  });
});
