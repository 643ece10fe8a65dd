import { describe, expect, it } from 'vitest';
import { testDef } from '../board/board-test-fixtures.ts';
import { computedValue, settleFormulas } from './formula-settlement.ts';

const good = testDef({ id: 'good', code: 'GOOD' });
const made = testDef({ id: 'made', code: 'MADE' });
const fpy = testDef({ id: 'fpy', code: 'FPY', formula: 'first_pass_yield', formulaInputs: { goodFirstTime: 'GOOD', unitsEntering: 'MADE' } });
// A quality rate that reads the first pass yield as its good quantity, per 100 entering: a formula over a formula.
const chained = testDef({ id: 'chained', code: 'CHAINED', formula: 'quality_rate', formulaInputs: { goodQuantity: 'FPY', producedQuantity: 'HUNDRED' } });

describe('formula settlement', () => {
  it('computes a formula from the values of the KPIs its inputs name', () => {
    expect(computedValue(fpy, new Map([['GOOD', 95], ['MADE', 100]]))).toBe(95);
  });

  it('counts a formula only when every input has a value and the result is a finite number', () => {
    expect(computedValue(fpy, new Map([['GOOD', 95]]))).toBeNull();
    expect(computedValue(fpy, new Map([['GOOD', 0], ['MADE', 0]]))).toBeNull();
    expect(computedValue(good, new Map([['GOOD', 95]]))).toBeNull(); // no formula
  });

  it('settles a formula that reads another formula, whatever order the definitions come in', () => {
    const byCode = new Map([['GOOD', 90], ['MADE', 100], ['HUNDRED', 100]]);
    const computed = settleFormulas([chained, fpy, good, made], byCode);
    expect(computed.get('fpy')).toBe(90);
    expect(computed.get('chained')).toBe(90);
    expect(byCode.get('FPY')).toBe(90); // a settled formula's value joins the values by code
  });

  it('leaves formulas without a value when an input is missing or they read each other in a cycle', () => {
    const a = testDef({ id: 'a', code: 'A', formula: 'scrap_rate', formulaInputs: { scrapQuantity: 'B', producedQuantity: 'MADE' } });
    const b = testDef({ id: 'b', code: 'B', formula: 'scrap_rate', formulaInputs: { scrapQuantity: 'A', producedQuantity: 'MADE' } });
    const computed = settleFormulas([a, b, fpy], new Map([['MADE', 100]]));
    expect(computed.size).toBe(0);
  });
});
