import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PATTERNS,
  addProductionDays,
  crewOn,
  daysBetween,
  dupont,
  nextShiftInstance,
  panama,
  plantLocalDate,
  previousShiftInstance,
  shiftInstanceAt,
  shiftInstanceKey,
  shiftInstancesOfDate,
  threeByEight,
  twoByTwelve,
  validateShiftPattern,
} from './shift-calendar.ts';
import type { ShiftInstance, ShiftPattern } from './shift-types.ts';

const berlin = { id: 'ber', timeZone: 'Europe/Berlin' };
const chicago = { id: 'chi', timeZone: 'America/Chicago' };
const kolkata = { id: 'pun', timeZone: 'Asia/Kolkata' };
const shanghai = { id: 'sha', timeZone: 'Asia/Shanghai' };
const LINE = 'line-3';
const z = (iso: string) => new Date(iso);
const hours = (si: ShiftInstance) => (Date.parse(si.endsAt) - Date.parse(si.startsAt)) / 3_600_000;
const brief = (si: ShiftInstance) => `${si.productionDate} ${si.shiftCode} ${si.startsAt} -> ${si.endsAt}`;

describe('3x8 in Europe/Berlin', () => {
  const p = threeByEight('p3x8', 'ber');

  it('finds the early shift in winter (UTC+1)', () => {
    const si = shiftInstanceAt(berlin, p, LINE, z('2026-01-15T11:00:00Z'));
    expect(si).toEqual({
      plantId: 'ber', lineId: LINE, shiftCode: 'E', productionDate: '2026-01-15', crew: null,
      startsAt: '2026-01-15T05:00:00.000Z', endsAt: '2026-01-15T13:00:00.000Z',
    });
    expect(shiftInstanceKey(si)).toBe('ber|line-3|E|2026-01-15');
  });

  it('gives a moment exactly on a boundary to the shift starting then', () => {
    expect(shiftInstanceAt(berlin, p, LINE, z('2026-01-15T13:00:00.000Z')).shiftCode).toBe('L');
    expect(shiftInstanceAt(berlin, p, LINE, z('2026-01-15T12:59:59.999Z')).shiftCode).toBe('E');
    expect(brief(shiftInstanceAt(berlin, p, LINE, z('2026-01-15T21:00:00.000Z')))).toBe(
      '2026-01-15 N 2026-01-15T21:00:00.000Z -> 2026-01-16T05:00:00.000Z',
    );
  });

  it('keeps the night shift on the date it started, past midnight', () => {
    // 03:00 on the 16th local is still the 15th's night shift
    expect(brief(shiftInstanceAt(berlin, p, LINE, z('2026-01-16T02:00:00Z')))).toBe(
      '2026-01-15 N 2026-01-15T21:00:00.000Z -> 2026-01-16T05:00:00.000Z',
    );
    // and 00:00 local exactly, too
    expect(shiftInstanceAt(berlin, p, LINE, z('2026-01-15T23:00:00Z')).productionDate).toBe('2026-01-15');
  });

  it('shortens the night shift to 7 h on the spring-forward night (2026-03-29)', () => {
    const night = shiftInstanceAt(berlin, p, LINE, z('2026-03-29T00:30:00Z'));
    expect(brief(night)).toBe('2026-03-28 N 2026-03-28T21:00:00.000Z -> 2026-03-29T04:00:00.000Z');
    expect(hours(night)).toBe(7);
    const early = nextShiftInstance(berlin, p, night);
    expect(brief(early)).toBe('2026-03-29 E 2026-03-29T04:00:00.000Z -> 2026-03-29T12:00:00.000Z');
    expect(shiftInstancesOfDate(berlin, p, LINE, '2026-03-28').map(hours)).toEqual([8, 8, 7]);
  });

  it('lengthens the night shift to 9 h on the fall-back night (2026-10-25), both 02:30s included', () => {
    const first230 = shiftInstanceAt(berlin, p, LINE, z('2026-10-25T00:30:00Z')); // 02:30 CEST
    const second230 = shiftInstanceAt(berlin, p, LINE, z('2026-10-25T01:30:00Z')); // 02:30 CET
    expect(first230).toEqual(second230);
    expect(brief(first230)).toBe('2026-10-24 N 2026-10-24T20:00:00.000Z -> 2026-10-25T05:00:00.000Z');
    expect(hours(first230)).toBe(9);
    expect(shiftInstancesOfDate(berlin, p, LINE, '2026-10-25').map((si) => si.startsAt)).toEqual([
      '2026-10-25T05:00:00.000Z', '2026-10-25T13:00:00.000Z', '2026-10-25T21:00:00.000Z',
    ]);
  });

  it('walks previous and next shift instances around the clock', () => {
    const early = shiftInstanceAt(berlin, p, LINE, z('2026-01-15T06:00:00Z'));
    const prev = previousShiftInstance(berlin, p, early);
    expect(shiftInstanceKey(prev)).toBe('ber|line-3|N|2026-01-14');
    expect(prev.endsAt).toBe(early.startsAt);
    expect(nextShiftInstance(berlin, p, prev)).toEqual(early);
    let si = early;
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) {
      si = nextShiftInstance(berlin, p, si);
      seen.push(`${si.productionDate} ${si.shiftCode}`);
    }
    expect(seen).toEqual(['2026-01-15 L', '2026-01-15 N', '2026-01-16 E', '2026-01-16 L', '2026-01-16 N', '2026-01-17 E']);
  });

  it('tiles a whole year without gaps or overlaps, DST nights included', () => {
    let si = shiftInstanceAt(berlin, p, LINE, z('2026-01-01T05:00:00Z'));
    let count = 0;
    let totalHours = 0;
    while (si.productionDate < '2027-01-01') {
      const next = nextShiftInstance(berlin, p, si);
      expect(next.startsAt).toBe(si.endsAt);
      expect(previousShiftInstance(berlin, p, next)).toEqual(si);
      totalHours += hours(si);
      count++;
      si = next;
    }
    expect(count).toBe(365 * 3);
    expect(totalHours).toBe(365 * 24);
  });

  it('honours a plant’s own start times (05:30 / 13:30 / 21:30)', () => {
    const early = threeByEight('p', 'ber', ['05:30', '13:30', '21:30']);
    expect(brief(shiftInstanceAt(berlin, early, LINE, z('2026-07-01T03:30:00Z')))).toBe(
      '2026-07-01 E 2026-07-01T03:30:00.000Z -> 2026-07-01T11:30:00.000Z',
    );
    expect(shiftInstanceAt(berlin, early, LINE, z('2026-07-01T03:29:59.999Z')).shiftCode).toBe('N');
  });
});

describe('2x12 in America/Chicago', () => {
  const p = twoByTwelve('p2x12', 'chi');

  it('finds day and night in winter (UTC-6)', () => {
    expect(brief(shiftInstanceAt(chicago, p, LINE, z('2026-02-10T15:00:00Z')))).toBe(
      '2026-02-10 D 2026-02-10T12:00:00.000Z -> 2026-02-11T00:00:00.000Z',
    );
    expect(brief(shiftInstanceAt(chicago, p, LINE, z('2026-02-11T11:59:59.999Z')))).toBe(
      '2026-02-10 N 2026-02-11T00:00:00.000Z -> 2026-02-11T12:00:00.000Z',
    );
  });

  it('runs an 11 h night on 2026-03-08 and a 13 h night on 2026-11-01', () => {
    const spring = shiftInstanceAt(chicago, p, LINE, z('2026-03-08T08:00:00Z'));
    expect(brief(spring)).toBe('2026-03-07 N 2026-03-08T00:00:00.000Z -> 2026-03-08T11:00:00.000Z');
    expect(hours(spring)).toBe(11);
    const fall = shiftInstanceAt(chicago, p, LINE, z('2026-11-01T07:30:00Z'));
    expect(brief(fall)).toBe('2026-10-31 N 2026-10-31T23:00:00.000Z -> 2026-11-01T12:00:00.000Z');
    expect(hours(fall)).toBe(13);
    expect(hours(nextShiftInstance(chicago, p, fall))).toBe(12);
  });
});

describe('half-hour and no-DST zones', () => {
  it('Asia/Kolkata (UTC+5:30): 06:00 early starts at 00:30Z', () => {
    const p = threeByEight('p', 'pun');
    expect(shiftInstanceAt(kolkata, p, LINE, z('2026-05-10T00:29:59.999Z')).productionDate).toBe('2026-05-09');
    expect(brief(shiftInstanceAt(kolkata, p, LINE, z('2026-05-10T00:30:00Z')))).toBe(
      '2026-05-10 E 2026-05-10T00:30:00.000Z -> 2026-05-10T08:30:00.000Z',
    );
    // the local date is already the 10th at 19:00Z on the 9th (00:30 IST)
    expect(plantLocalDate('Asia/Kolkata', z('2026-05-09T19:00:00Z'))).toBe('2026-05-10');
    expect(shiftInstanceAt(kolkata, p, LINE, z('2026-05-09T19:00:00Z')).productionDate).toBe('2026-05-09');
  });

  it('Asia/Shanghai (UTC+8, no DST): every 2x12 shift is 12 h all year', () => {
    const p = twoByTwelve('p', 'sha');
    for (const date of ['2026-03-08', '2026-03-29', '2026-10-25', '2026-11-01']) {
      expect(shiftInstancesOfDate(shanghai, p, LINE, date).map(hours)).toEqual([12, 12]);
    }
    expect(shiftInstanceAt(shanghai, p, LINE, z('2026-03-29T22:00:00Z')).startsAt).toBe('2026-03-29T22:00:00.000Z');
  });
});

describe('rotating crews', () => {
  const anchor = '2026-01-05';
  const pan = panama('pan', 'ber', anchor);
  const dup = dupont('dup', 'chi', anchor);

  it('puts crews A/C on the anchor day and follows the 2-2-3 cycle', () => {
    const day = shiftInstanceAt(berlin, pan, LINE, z('2026-01-05T10:00:00Z'));
    expect([day.shiftCode, day.crew]).toEqual(['D', 'A']);
    // the night of the anchor day, after midnight, is still crew C
    expect(shiftInstanceAt(berlin, pan, LINE, z('2026-01-06T03:00:00Z')).crew).toBe('C');
    const crewsByDay = Array.from({ length: 14 }, (_, i) => crewOn(pan, addProductionDays(anchor, i), 0)).join('');
    expect(crewsByDay).toBe('AABBAAABBAABBB');
  });

  it('wraps before the anchor (negative days)', () => {
    expect(crewOn(pan, '2026-01-04', 0)).toBe('B'); // day -1 = day 13
    expect(crewOn(pan, '2026-01-04', 1)).toBe('D');
    expect(crewOn(pan, '2025-12-22', 0)).toBe(crewOn(pan, anchor, 0)); // day -14 = day 0
    expect(crewOn(pan, '2024-02-29', 0)).toBe(crewOn(pan, addProductionDays('2024-02-29', 14 * 50), 0));
    expect(shiftInstanceAt(berlin, pan, LINE, z('2025-12-31T20:00:00Z')).crew).toBe(crewOn(pan, '2025-12-31', 1));
  });

  it.each([
    ['Panama', pan, 14, 7],
    ['DuPont', dup, 28, 14],
  ] as const)('%s: one crew per shift every day, no crew on both shifts, equal hours', (_name, pattern, cycle, shiftsPerCrew) => {
    expect(validateShiftPattern(pattern)).toBeNull();
    const worked: Record<string, number> = {};
    for (let i = -cycle; i < cycle; i++) {
      const date = addProductionDays(anchor, i);
      const d = crewOn(pattern, date, 0);
      const n = crewOn(pattern, date, 1);
      expect(d).not.toBeNull();
      expect(n).not.toBeNull();
      expect(d).not.toBe(n);
      for (const c of [d, n]) if (c) worked[c] = (worked[c] ?? 0) + 1;
    }
    expect(worked).toEqual({ A: 2 * shiftsPerCrew, B: 2 * shiftsPerCrew, C: 2 * shiftsPerCrew, D: 2 * shiftsPerCrew });
  });

  it('DuPont: crew A works 4 nights, then 3 days after 3 off', () => {
    const seq = Array.from({ length: 11 }, (_, i) => {
      const date = addProductionDays(anchor, i);
      return crewOn(dup, date, 0) === 'A' ? 'D' : crewOn(dup, date, 1) === 'A' ? 'N' : '-';
    }).join('');
    expect(seq).toBe('NNNN---DDD-');
  });

  it('crosses the Chicago DST night with the right crew and length', () => {
    const night = shiftInstanceAt(chicago, dup, LINE, z('2026-03-08T08:00:00Z'));
    expect(night.productionDate).toBe('2026-03-07');
    expect(night.crew).toBe(crewOn(dup, '2026-03-07', 1));
    expect(hours(night)).toBe(11);
  });

  it('marks a shift not worked with crew null', () => {
    const weekdaysOnly: ShiftPattern = { ...pan, rotation: [['A', 'C'], [null, null]], crews: ['A', 'C'] };
    expect(shiftInstanceAt(berlin, weekdaysOnly, LINE, z('2026-01-06T10:00:00Z')).crew).toBeNull();
    expect(shiftInstanceAt(berlin, weekdaysOnly, LINE, z('2026-01-07T10:00:00Z')).crew).toBe('A');
  });
});

describe('validation and plain dates', () => {
  const base = threeByEight('p', 'ber');
  const invalid: [string, ShiftPattern, RegExp][] = [
    ['no shifts', { ...base, shifts: [] }, /at least one shift/],
    ['bad time', { ...base, shifts: [{ code: 'X', name: 'X', start: '25:00', durationMinutes: 60 }] }, /not a time/],
    ['duplicate code', { ...base, shifts: [...base.shifts, { code: 'E', name: 'E2', start: '03:00', durationMinutes: 60 }] }, /code E/],
    ['duplicate start', { ...base, shifts: [...base.shifts, { code: 'X', name: 'X', start: '06:00', durationMinutes: 60 }] }, /start at 06:00/],
    ['rotating without anchor', { ...panama('r', 'ber', '2026-01-05'), rotationAnchor: null }, /rotation anchor/],
    ['row length', { ...panama('r', 'ber', '2026-01-05'), rotation: [['A']] }, /1 crews for 2 shifts/],
    ['unknown crew', { ...panama('r', 'ber', '2026-01-05'), rotation: [['A', 'Z']] }, /unknown crew Z/],
  ];
  it.each(invalid)('explains %s', (_name, pattern, message) => {
    expect(validateShiftPattern(pattern)).toMatch(message);
    expect(() => shiftInstancesOfDate(berlin, pattern, LINE, '2026-01-05')).toThrow(RangeError);
  });

  it('refuses unknown time zones, bad dates and invalid moments', () => {
    expect(() => shiftInstanceAt({ id: 'x', timeZone: 'Mars/Olympus' }, base, LINE, z('2026-01-01T00:00:00Z'))).toThrow(RangeError);
    expect(() => shiftInstancesOfDate(berlin, base, LINE, '2026-02-30')).toThrow(RangeError);
    expect(() => shiftInstanceAt(berlin, base, LINE, new Date(Number.NaN))).toThrow(RangeError);
  });

  it('does calendar arithmetic across month, year and leap day', () => {
    expect(addProductionDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addProductionDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysBetween('2026-01-05', '2025-12-22')).toBe(-14);
    expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
  });

  it('builds nominal durations and exposes the builders', () => {
    expect(threeByEight('a', 'b').shifts.map((s) => s.durationMinutes)).toEqual([480, 480, 480]);
    expect(twoByTwelve('a', 'b', ['07:00', '19:00']).shifts.map((s) => [s.start, s.durationMinutes])).toEqual([['07:00', 720], ['19:00', 720]]);
    expect(Object.keys(DEFAULT_PATTERNS)).toEqual(['threeByEight', 'twoByTwelve', 'panama', 'dupont']);
  });
});
