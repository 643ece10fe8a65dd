/**
 * [P5] [P7] The record check every push runs: the schema, text both engines
 * can store, and edit clocks the merge can order.
 */
import { describe, expect, it } from 'vitest';
import { COLLECTIONS } from '../../src/domain/records/collections.ts';
import { formatHlc, HLC_ZERO } from '../../src/domain/merge/hlc.ts';
import { sampleRecord } from '../../src/domain/records/testing/sample-records.ts';
import { schemaProblem } from './record-validation.ts';

const UNSTORABLE = 'a character that cannot be stored (a NUL or a broken surrogate pair)';
const STAMP = formatHlc({ wallMs: Date.parse('2026-03-02T06:00:00.000Z'), counter: 3, nodeId: 'tablet-1' });

/** A valid improvement action with real clock stamps (the sample's meta is free text). */
function action(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...sampleRecord('improvement_actions'), hlc: STAMP, fieldClocks: { title: STAMP, status: HLC_ZERO }, conflicts: [], ...over };
}

describe('schemaProblem', () => {
  it('[P5] passes valid records and names the first field that breaks the schema', () => {
    expect(schemaProblem('kpi_readings', sampleRecord('kpi_readings'))).toBeNull();
    expect(schemaProblem('improvement_actions', action())).toBeNull();
    expect(schemaProblem('kpi_readings', { ...sampleRecord('kpi_readings'), value: 'seventy' })).toBe('Field value must be number.');
  });

  it('[P5] refuses a NUL or a broken surrogate pair anywhere in a string value, naming the field', () => {
    const reading = sampleRecord('kpi_readings');
    for (const note of ['a\u0000', '\u0000', 'scan \ud800', '\udc00 scan', 'end \ud83d', '\ude00\ud83d']) {
      expect(schemaProblem('kpi_readings', { ...reading, note })).toBe(`Field note holds ${UNSTORABLE}.`);
    }
    expect(schemaProblem('kpi_readings', { ...reading, id: 'reading\u0000' })).toBe(`Field id holds ${UNSTORABLE}.`);
    const conflict = { field: 'title', value: ['ok', { why: 'x\ud800' }], hlc: STAMP, deviceId: 'tablet-1' };
    expect(schemaProblem('improvement_actions', action({ conflicts: [conflict] }))).toBe(`Field conflicts.0.value.1.why holds ${UNSTORABLE}.`);
  });

  it('[P5] skips the walk over strings only when the caller says the record cannot hold such text', () => {
    const record = { ...sampleRecord('kpi_readings'), note: 'a\u0000' };
    expect(schemaProblem('kpi_readings', record, {})).toBe(`Field note holds ${UNSTORABLE}.`);
    expect(schemaProblem('kpi_readings', record, { mayHoldUnstorableText: true })).toBe(`Field note holds ${UNSTORABLE}.`);
    expect(schemaProblem('kpi_readings', record, { mayHoldUnstorableText: false })).toBeNull();
  });

  it('[P5] refuses a key holding one, naming the object it is a key of', () => {
    const conflict = { field: 'title', value: { 'was\u0000': 'old' }, hlc: STAMP, deviceId: 'tablet-1' };
    expect(schemaProblem('improvement_actions', action({ conflicts: [conflict] }))).toBe(`Field conflicts.0.value has a key with ${UNSTORABLE}.`);
    expect(schemaProblem('improvement_actions', action({ fieldClocks: { ['title\ud800']: STAMP } }))).toBe(`Field fieldClocks has a key with ${UNSTORABLE}.`);
  });

  it('[P5] passes whole surrogate pairs, other control characters and empty strings', () => {
    const reading = sampleRecord('kpi_readings');
    for (const note of ['press sounds fine 👍', '\ud83d\ude00', 'tab\there\u0001', '', 'Maße ✓']) {
      expect(schemaProblem('kpi_readings', { ...reading, note })).toBeNull();
    }
  });

  it('[P7] refuses a mutable record whose hlc is not a clock stamp, naming hlc', () => {
    for (const hlc of ['', 'now', '2026-03-02T06:00:00.000Z-0001-dev-1', '001772431200000-000000-tablet-1']) {
      expect(schemaProblem('improvement_actions', action({ hlc }))).toMatch(/^Field hlc is not an edit clock stamp .*could not be merged\.$/);
    }
  });

  it('[P7] refuses a mutable record with a field clock that is not a clock stamp, naming that field', () => {
    expect(schemaProblem('improvement_actions', action({ fieldClocks: { title: STAMP, status: 'yesterday' } }))).toMatch(/^Field fieldClocks\.status is not an edit clock stamp/);
    expect(schemaProblem('improvement_actions', action({ fieldClocks: { title: '' } }))).toMatch(/^Field fieldClocks\.title is not an edit clock stamp/);
  });

  it('[P7] checks the clocks of every mutable collection, and immutable records carry none', () => {
    for (const info of COLLECTIONS) {
      const sample = sampleRecord(info.name) as unknown as Record<string, unknown>;
      if (info.immutable) {
        expect(schemaProblem(info.name, sample), info.name).toBeNull();
        continue;
      }
      // The sample's own clocks are free text: refused. With real stamps: passes.
      expect(schemaProblem(info.name, sample), info.name).toMatch(/^Field hlc is not an edit clock stamp/);
      expect(schemaProblem(info.name, { ...sample, hlc: STAMP, fieldClocks: {}, conflicts: [] }), info.name).toBeNull();
    }
  });

  const stamped = <T extends object>(r: T): T => ({ ...r, hlc: STAMP, fieldClocks: {}, conflicts: [] });

  it('[A14] refuses a KPI definition whose thresholds sit on the wrong side of its target, with the rule', () => {
    const def = stamped(sampleRecord('kpi_definitions', 1));
    expect(schemaProblem('kpi_definitions', def)).toBeNull();
    expect(schemaProblem('kpi_definitions', { ...def, amberThreshold: 90 })).toBe('Higher is better: the amber threshold (90) must not be above the target (85).');
    expect(schemaProblem('kpi_definitions', { ...def, direction: 'lower_is_better', target: 2, amberThreshold: 1, redThreshold: 4 })).toBe(
      'Lower is better: the amber threshold (1) must not be below the target (2).',
    );
  });

  it('[A14] refuses a plant whose tier ladder does not climb (0, 60, 30 minutes would skip tier 2)', () => {
    const plant = stamped(sampleRecord('plants', 1));
    expect(schemaProblem('plants', plant)).toBeNull();
    const ladder = [
      { tier: 1, label: 'line lead', role: 'shift_lead', afterMinutes: 0 },
      { tier: 2, label: 'maintenance', role: 'responder', afterMinutes: 60 },
      { tier: 3, label: 'plant head', role: 'plant_head', afterMinutes: 30 },
    ];
    expect(schemaProblem('plants', { ...plant, tierLadder: ladder })).toBe('Tier ladder: Tier 3 (30 min) must come later than tier 2 (60 min).');
    expect(schemaProblem('plants', { ...plant, tierLadder: [] })).toBe('Tier ladder: The ladder needs at least one tier.');
  });
});

describe('losing edits of any shape, bounded', () => {
  /** A value nested `depth` deep: [[[...]]]. Built iteratively, as a hostile device would send it. */
  function nested(depth: number): unknown {
    let v: unknown = 'bottom';
    for (let i = 0; i < depth; i++) v = [v];
    return v;
  }
  const edit = (value: unknown) => ({ field: 'title', value, hlc: STAMP, deviceId: 'tablet-1' });

  it('[P5] refuses a losing edit nested 3,000 deep as invalid_record, without running out of stack', () => {
    expect(schemaProblem('improvement_actions', action({ conflicts: [edit(nested(3_000))] }))).toBe('Field conflicts.0.value is nested deeper than 16 levels.');
    expect(schemaProblem('improvement_actions', action({ conflicts: [edit('ok'), edit(nested(17))] }))).toBe('Field conflicts.1.value is nested deeper than 16 levels.');
    expect(schemaProblem('improvement_actions', action({ conflicts: [edit(nested(15))] }))).toBeNull();
  });

  it('[P5] refuses a losing edit larger than 100,000 characters; a shift rotation\'s size passes', () => {
    expect(schemaProblem('improvement_actions', action({ conflicts: [edit('x'.repeat(100_001))] }))).toBe('Field conflicts.0.value is larger than 100,000 characters.');
    const rotation = Array.from({ length: 366 }, () => ['F', 'S', 'N', null, 'F', 'S']);
    expect(schemaProblem('improvement_actions', action({ conflicts: [edit(rotation)] }))).toBeNull();
  });

  it('[P5] finds unstorable text deep inside a value, with its path, iteratively', () => {
    const deep = { a: [{ b: ['fine', { c: 'x\u0000' }] }] };
    expect(schemaProblem('improvement_actions', action({ conflicts: [edit(deep)] }))).toBe(`Field conflicts.0.value.a.0.b.1.c holds ${UNSTORABLE}.`);
    expect(schemaProblem('improvement_actions', action({ conflicts: [edit({ a: { ['k\ud800']: 1 } })] }))).toBe(`Field conflicts.0.value.a has a key with ${UNSTORABLE}.`);
  });
});
