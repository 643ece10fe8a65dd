import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { COLLECTIONS, COLLECTION_NAMES } from './collections.ts';
import { PHOTO_MAX, RXDB_SCHEMA_KEYWORDS, SCHEMAS, schemaVersion, withDeletedFlag } from './schemas.ts';
import { sampleRecord } from './testing/sample-records.ts';

// The server's setup: strict ajv that knows RxDB's extra top-level keywords.
function serverAjv(): Ajv {
  const ajv = new Ajv({ strict: true, allErrors: true });
  RXDB_SCHEMA_KEYWORDS.forEach((k) => ajv.addKeyword(k));
  return ajv;
}

/**
 * Fields a schema added after records of it were stored (json-schema.ts recordSchema `optional`):
 * older records and not yet updated devices lack them. Any other field missing is a bug.
 */
const OPTIONAL_FIELDS: Partial<Record<string, string[]>> = {
  improvement_actions: ['notedBy', 'originalDue', 'priority'],
  kpi_definitions: ['aggregation'],
  objectives: ['linkType', 'priority', 'weight', 'countChildren', 'closingComment', 'cycleKind', 'cycleState', 'startDate', 'endDate', 'checkInWeekday', 'candidatePeriods'],
  key_results: ['window', 'scope', 'lineIds', 'parentKeyResultId', 'rollup', 'weight', 'state'],
  kr_checkins: ['kind', 'computedValue', 'overrideReason', 'blocker', 'nextAction', 'target', 'dueDate', 'needs'],
};

const ajv = serverAjv();
const validators = Object.fromEntries(COLLECTION_NAMES.map((n) => [n, ajv.compile(SCHEMAS[n])]));
const validate = (name: string, record: unknown): boolean => {
  const v = validators[name];
  if (!v) throw new Error(`no validator for ${name}`);
  return v(record);
};

describe('SCHEMAS', () => {
  it('has exactly one schema per registered collection, titled by its name', () => {
    expect(Object.keys(SCHEMAS).sort()).toEqual([...COLLECTION_NAMES].sort());
    for (const c of COLLECTIONS) expect(SCHEMAS[c.name].title).toBe(c.name);
  });

  describe.each(COLLECTION_NAMES)('%s', (name) => {
    const schema = SCHEMAS[name];

    it('accepts a fully filled sample record', () => {
      expect(validate(name, sampleRecord(name)), JSON.stringify(validators[name]?.errors)).toBe(true);
    });

    it('requires every field of the record type but those added later as optional', () => {
      const sample = sampleRecord(name) as unknown as Record<string, unknown>;
      expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(sample).sort());
      const optional = OPTIONAL_FIELDS[name] ?? [];
      expect([...schema.required].sort()).toEqual(Object.keys(sample).filter((f) => !optional.includes(f)).sort());
      for (const field of schema.required) {
        const { [field]: _dropped, ...rest } = sample;
        expect(validate(name, rest), `without ${field}`).toBe(false);
      }
      for (const field of optional) {
        const { [field]: _dropped, ...rest } = sample;
        expect(validate(name, rest), `without ${field}`).toBe(true);
      }
    });

    it('refuses every top-level string one character over its cap', () => {
      const sample = sampleRecord(name) as unknown as Record<string, unknown>;
      const capped = Object.entries(schema.properties).filter(([, p]) => p.type === 'string' && !p.enum && !p.pattern);
      expect(capped.length).toBeGreaterThan(0);
      for (const [field, p] of capped) {
        expect(p.maxLength, field).toBeTypeOf('number');
        const tooLong = { ...sample, [field]: 'x'.repeat((p.maxLength ?? 0) + 1) };
        expect(validate(name, tooLong), `${field} over ${p.maxLength}`).toBe(false);
      }
    });

    it('refuses unknown fields and RxDB bookkeeping, but accepts _deleted from replication', () => {
      const sample = sampleRecord(name);
      expect(validate(name, { ...sample, surprise: 1 })).toBe(false);
      expect(validate(name, { ...sample, _rev: '1-abc' })).toBe(false);
      const wire = ajv.compile(withDeletedFlag(schema));
      expect(wire({ ...sample, _deleted: true })).toBe(true);
      expect(wire({ ...sample, _meta: { lwt: 1 } })).toBe(false);
    });

    it('follows RxDB index rules: indexed fields required, strings capped, numbers bounded', () => {
      expect(schema.primaryKey).toBe('id');
      expect(schema.properties.id?.maxLength).toBeGreaterThan(0);
      expect(schemaVersion(name)).toBe(schema.version);
      for (const field of schema.indexes.flat()) {
        expect(schema.required, field).toContain(field);
        const p = schema.properties[field];
        if (p?.type === 'string') expect(p.maxLength, field).toBeLessThanOrEqual(2048);
        else if (p?.type === 'number' || p?.type === 'integer') {
          expect([p.minimum, p.maximum, p.multipleOf].every((x) => typeof x === 'number'), field).toBe(true);
        } else expect(p?.type, field).toBe('boolean');
      }
    });
  });

  it('caps an escalation photo at about 400 kB and accepts only image data URLs', () => {
    const base = sampleRecord('escalations');
    const body = 'A'.repeat(PHOTO_MAX - 'data:image/jpeg;base64,'.length);
    expect(validate('escalations', { ...base, photo: `data:image/jpeg;base64,${body}` })).toBe(true);
    expect(validate('escalations', { ...base, photo: `data:image/jpeg;base64,${body}A` })).toBe(false);
    expect(validate('escalations', { ...base, photo: 'javascript:alert(1)' })).toBe(false);
    expect(validate('escalations', { ...base, photo: '' })).toBe(true);
  });

  it('checks nested shapes: production dates, shift start times, confidence range, enums', () => {
    expect(validate('kpi_readings', { ...sampleRecord('kpi_readings'), productionDate: '02.03.2026' })).toBe(false);
    const pattern = sampleRecord('shift_patterns');
    expect(validate('shift_patterns', { ...pattern, shifts: [{ ...pattern.shifts[0], start: '25:00' }] })).toBe(false);
    expect(validate('kr_checkins', { ...sampleRecord('kr_checkins'), confidence: 1.2 })).toBe(false);
    expect(validate('escalation_events', { ...sampleRecord('escalation_events'), type: 'deleted' })).toBe(false);
    expect(validate('kpi_definitions', { ...sampleRecord('kpi_definitions', 2), formula: 'magic' })).toBe(false);
    expect(validate('handovers', { ...sampleRecord('handovers'), readingsSnapshot: { 'kpi-1': 'high' } })).toBe(false);
  });
});
