import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  FORMULA_INPUTS,
  FORMULA_UNITS,
  actualProductionTime,
  availability,
  dartRate,
  evaluateFormula,
  firstPassYield,
  oee,
  onTimeDelivery,
  performance,
  plannedBusyTime,
  qualityRate,
  recordableIncidentRate,
  scrapRate,
  type OeeInputs,
} from './kpi-formulas.ts';
import type { KpiFormula } from './kpi-types.ts';

/**
 * The worked example from oee.com ("OEE Calculation"): an 8 h shift (28,800 s)
 * with two 15-minute breaks and a 30-minute meal (3,600 s planned), 47 minutes
 * of breakdown (2,820 s), ideal cycle time 1.0 s, 19,271 pieces of which 423
 * rejects. Published results: A 88.81 %, P 86.11 %, Q 97.80 %, OEE 74.79 %.
 */
const shift: OeeInputs = {
  plannedOperationTime: 28_800,
  plannedDowntime: 3_600,
  unplannedDowntime: 2_820,
  idealCycleTime: 1,
  producedQuantity: 19_271,
  goodQuantity: 19_271 - 423,
};

describe('OEE time model (ISO 22400-2)', () => {
  it('reproduces the textbook shift', () => {
    expect(plannedBusyTime(shift)).toBe(25_200);
    expect(actualProductionTime(shift)).toBe(22_380);
    expect(availability(shift)).toBeCloseTo(0.8881, 4);
    expect(performance(shift)).toBeCloseTo(0.8611, 4);
    expect(qualityRate(shift)).toBeCloseTo(0.978, 4);
    expect(oee(shift)).toBeCloseTo(0.7479, 4);
    expect(evaluateFormula('oee', { ...shift })).toBeCloseTo(74.79, 2);
  });

  it('gives the same answer in minutes as in seconds', () => {
    const minutes: OeeInputs = { ...shift, plannedOperationTime: 480, plannedDowntime: 60, unplannedDowntime: 47, idealCycleTime: 1 / 60 };
    expect(oee(minutes)).toBeCloseTo(oee(shift) ?? Number.NaN, 10);
  });

  it('scores a shift down the whole time as OEE 0 while P and Q have no value', () => {
    const down: OeeInputs = { ...shift, unplannedDowntime: 25_200, producedQuantity: 0, goodQuantity: 0 };
    expect(availability(down)).toBe(0);
    expect(performance(down)).toBeNull();
    expect(qualityRate(down)).toBeNull();
    expect(oee(down)).toBe(0);
  });

  it('returns performance above 100 % as is (the ideal cycle time is wrong, and the board should show it)', () => {
    expect(performance({ ...shift, idealCycleTime: 1.5 })).toBeCloseTo((1.5 * 19_271) / 22_380, 10);
    expect((performance({ ...shift, idealCycleTime: 1.5 }) ?? 0) > 1).toBe(true);
  });

  const impossible: [string, Partial<OeeInputs>][] = [
    ['planned downtime longer than the shift', { plannedDowntime: 30_000 }],
    ['unplanned downtime longer than the busy time', { unplannedDowntime: 26_000 }],
    ['more good parts than parts', { goodQuantity: 20_000 }],
    ['negative time', { unplannedDowntime: -5 }],
    ['negative count', { producedQuantity: -1 }],
    ['NaN input', { idealCycleTime: Number.NaN }],
    ['infinite input', { plannedOperationTime: Number.POSITIVE_INFINITY }],
    ['no planned time at all', { plannedOperationTime: 0, plannedDowntime: 0, unplannedDowntime: 0 }],
    ['parts made in zero production time', { unplannedDowntime: 25_200 }],
  ];
  it.each(impossible)('gives no OEE for %s', (_name, patch) => {
    expect(oee({ ...shift, ...patch })).toBeNull();
  });
});

describe('ratios and safety rates', () => {
  it('computes real numbers', () => {
    expect(firstPassYield(940, 1000)).toBeCloseTo(0.94, 10);
    expect(scrapRate(12, 4800)).toBeCloseTo(0.0025, 10);
    expect(onTimeDelivery(188, 200)).toBeCloseTo(0.94, 10);
    // 3 recordables in a year at a 250-person plant (500,000 h): TRIR 1.2
    expect(recordableIncidentRate(3, 500_000)).toBeCloseTo(1.2, 10);
    expect(dartRate(1, 500_000)).toBeCloseTo(0.4, 10);
    expect(recordableIncidentRate(0, 120_000)).toBe(0);
  });

  it('gives null for zero denominators and impossible counts', () => {
    expect(firstPassYield(0, 0)).toBeNull();
    expect(firstPassYield(11, 10)).toBeNull();
    expect(scrapRate(5, 0)).toBeNull();
    expect(scrapRate(6, 5)).toBeNull();
    expect(onTimeDelivery(0, 0)).toBeNull();
    expect(onTimeDelivery(3, 2)).toBeNull();
    expect(recordableIncidentRate(1, 0)).toBeNull();
    expect(dartRate(-1, 1000)).toBeNull();
  });
});

describe('evaluateFormula', () => {
  it('answers each formula on its unit scale', () => {
    expect(evaluateFormula('availability', { ...shift })).toBeCloseTo(88.81, 2);
    expect(evaluateFormula('performance', { ...shift })).toBeCloseTo(86.11, 2);
    expect(evaluateFormula('quality_rate', { ...shift })).toBeCloseTo(97.8, 2);
    expect(evaluateFormula('first_pass_yield', { goodFirstTime: 940, unitsEntering: 1000 })).toBeCloseTo(94, 10);
    expect(evaluateFormula('scrap_rate', { scrapQuantity: 12, producedQuantity: 4800 })).toBeCloseTo(0.25, 10);
    expect(evaluateFormula('on_time_delivery', { onTimeOrders: 188, ordersShipped: 200 })).toBeCloseTo(94, 10);
    expect(evaluateFormula('recordable_incident_rate', { recordableCases: 3, hoursWorked: 500_000 })).toBeCloseTo(1.2, 10);
    expect(evaluateFormula('dart_rate', { dartCases: 1, hoursWorked: 500_000 })).toBeCloseTo(0.4, 10);
    expect(FORMULA_UNITS.dart_rate).toBe('per 200,000 h');
  });

  it('gives null when a named input is missing', () => {
    for (const formula of Object.keys(FORMULA_INPUTS) as KpiFormula[]) {
      const names = FORMULA_INPUTS[formula];
      const inputs = Object.fromEntries(names.map((n) => [n, 1]));
      delete inputs[names[0] ?? ''];
      expect(evaluateFormula(formula, inputs)).toBeNull();
    }
  });

  it('never answers NaN or Infinity, whatever the inputs (property)', () => {
    const anyNumber = fc.oneof(
      fc.double(),
      fc.integer({ min: -10, max: 1_000_000 }),
      fc.constantFrom(0, -0, Number.MAX_VALUE, Number.MIN_VALUE, Number.NaN, Number.POSITIVE_INFINITY, undefined),
    );
    const formulas = Object.keys(FORMULA_INPUTS) as KpiFormula[];
    fc.assert(
      fc.property(fc.constantFrom(...formulas), fc.array(anyNumber, { minLength: 6, maxLength: 6 }), (formula, values) => {
        const inputs = Object.fromEntries(FORMULA_INPUTS[formula].map((n, i) => [n, values[i]]));
        const out = evaluateFormula(formula, inputs);
        expect(out === null || Number.isFinite(out)).toBe(true);
        if (out !== null && FORMULA_UNITS[formula] === '%' && formula !== 'performance' && formula !== 'oee') {
          expect(out).toBeGreaterThanOrEqual(0);
          expect(out).toBeLessThanOrEqual(100);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('OEE equals A x P x Q wherever all three exist (property)', () => {
    const n = fc.integer({ min: 0, max: 100_000 });
    fc.assert(
      fc.property(n, n, n, fc.integer({ min: 1, max: 600 }), n, n, (pot, pdt, udt, ict, produced, good) => {
        const i: OeeInputs = { plannedOperationTime: pot, plannedDowntime: pdt, unplannedDowntime: udt, idealCycleTime: ict / 60, producedQuantity: produced, goodQuantity: good };
        const [a, p, q] = [availability(i), performance(i), qualityRate(i)];
        fc.pre(a !== null && p !== null && q !== null);
        expect(oee(i)).toBeCloseTo(a * p * q, 9);
      }),
    );
  });
});
