import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { COLLECTION_NAMES } from '../domain/records/collections.ts';
import { SCHEMAS } from '../domain/records/schemas.ts';
import { demoDataset, demoReadings } from './demo-data.ts';

// strict: false so RxDB's own top-level keywords (version, primaryKey, indexes) are simply ignored.
const ajv = new Ajv({ strict: false, allErrors: true });

describe('demo records against the collection schemas', () => {
  const data = demoDataset();
  for (const name of COLLECTION_NAMES) {
    it(`every ${name} record validates`, () => {
      const validate = ajv.compile(SCHEMAS[name]);
      for (const record of data[name]) {
        const ok = validate(record);
        expect(ok ? [] : validate.errors, (record as { id: string }).id).toEqual([]);
      }
    });
  }

  it('every generated reading validates', () => {
    const validate = ajv.compile(SCHEMAS.kpi_readings);
    const readings = demoReadings('2026-11-21T01:00:00.000Z', 3);
    expect(readings.length).toBeGreaterThan(0);
    for (const r of readings) {
      const ok = validate(r);
      expect(ok ? [] : validate.errors, r.id).toEqual([]);
    }
  });
});
