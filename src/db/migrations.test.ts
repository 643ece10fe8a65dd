import { describe, expect, it } from 'vitest';
import type { CollectionName } from '../domain/records/collections.ts';
import { SCHEMAS, type CollectionSchema } from '../domain/records/schemas.ts';
import { sampleRecord } from '../domain/records/testing/sample-records.ts';
import { LOCAL_COLLECTIONS, type LocalCollectionName, type TierboardDatabase } from './database.ts';
import { MIGRATIONS, missingMigrations, type MigrationPlan } from './migrations.ts';
import { fakeIndexedDbStorage, freshDatabaseName, openTestDatabase } from './testing/test-database.ts';

type AnyCollection = {
  bulkInsert(docs: unknown[]): Promise<{ error: unknown[] }>;
  find(): { exec(): Promise<{ toJSON(): Record<string, unknown> }[]> };
  count(): { exec(): Promise<number> };
};
const collection = (db: TierboardDatabase, name: LocalCollectionName): AnyCollection =>
  db[name] as unknown as AnyCollection;

/**
 * The field a generic migration rewrites: a free-text string that is not the
 * primary key, not indexed and has no enum or pattern, so a prefix stays valid.
 */
function migratedField(schema: CollectionSchema): string {
  const indexed = new Set(schema.indexes.flat());
  const field = Object.entries(schema.properties).find(
    ([key, p]) => key !== 'id' && schema.required.includes(key) && !indexed.has(key) && p.type === 'string' && !p.enum && !p.pattern && (p.maxLength ?? 0) >= 64,
  )?.[0];
  if (!field) throw new Error(`${schema.title}: no free-text field to migrate`);
  return field;
}

const PREFIX = 'v+1:';

/** SCHEMAS with every version bumped by one, and a plan that rewrites one field per collection. */
function bumpedSchemasAndPlan(): { schemas: Record<CollectionName, CollectionSchema>; plan: MigrationPlan } {
  const schemas = { ...SCHEMAS } as Record<CollectionName, CollectionSchema>;
  const plan = { ...MIGRATIONS } as Record<CollectionName, MigrationPlan[CollectionName]>;
  for (const name of Object.keys(SCHEMAS) as CollectionName[]) {
    const schema = SCHEMAS[name];
    const field = migratedField(schema);
    schemas[name] = { ...schema, version: schema.version + 1 };
    plan[name] = {
      ...MIGRATIONS[name],
      [schema.version + 1]: (doc) => ({ ...doc, [field]: PREFIX + String(doc[field]) }),
    };
  }
  return { schemas, plan };
}

describe('migrations', () => {
  it('has a strategy for every version of every current schema', () => {
    expect(missingMigrations(SCHEMAS, MIGRATIONS)).toEqual([]);
  });

  it('names the missing strategy when a schema is bumped without one', () => {
    const schemas = { ...SCHEMAS, handovers: { ...SCHEMAS.handovers, version: SCHEMAS.handovers.version + 1 } };
    expect(missingMigrations(schemas, MIGRATIONS)).toEqual([`handovers: no strategy to version ${schemas.handovers.version}`]);
  });

  it('improvement_actions 0 -> 2: actions noted before notedBy and the new lanes keep every field and name nobody; new ones name their noter', async () => {
    const name = freshDatabaseName('migration-notedby');
    const storage = fakeIndexedDbStorage();
    // Version 0 as shipped: the same fields without notedBy, every one required.
    const current = SCHEMAS.improvement_actions;
    const { notedBy: _added, originalDue: _due, priority: _priority, ...v0Properties } = current.properties;
    v0Properties.status = { type: 'string', enum: ['todo', 'doing', 'done'], maxLength: 5 };
    const v0Schema: CollectionSchema = { ...current, version: 0, properties: v0Properties, required: Object.keys(v0Properties) };
    const v0Plan: MigrationPlan = { ...MIGRATIONS, improvement_actions: {} };
    const { notedBy: _none, originalDue: _noDue, priority: _noPriority, ...old } = sampleRecord('improvement_actions', 1) as unknown as Record<string, unknown>;

    const v0 = await openTestDatabase({ name, storage, schemas: { ...SCHEMAS, improvement_actions: v0Schema }, migrations: v0Plan });
    expect((await collection(v0, 'improvement_actions').bulkInsert([old])).error).toEqual([]);
    await v0.close();

    const v1 = await openTestDatabase({ name, storage });
    try {
      expect(v1.improvement_actions.schema.version).toBe(2);
      const [migrated] = (await collection(v1, 'improvement_actions').find().exec()).map((d) => d.toJSON());
      expect(migrated).toEqual(old);
      const noted = { ...sampleRecord('improvement_actions', 2), notedBy: 'person-bochum-markus-wagner' };
      await v1.improvement_actions.insert(noted);
      expect((await v1.improvement_actions.findOne(noted.id).exec())?.notedBy).toBe('person-bochum-markus-wagner');
    } finally {
      await v1.close();
    }
  });

  it('migrates every document of every collection to version N+1 without losing one', async () => {
    const name = freshDatabaseName('migration');
    const storage = fakeIndexedDbStorage();
    const before = new Map<LocalCollectionName, Record<string, unknown>[]>();

    const v0 = await openTestDatabase({ name, storage });
    for (const c of LOCAL_COLLECTIONS) {
      const records = [1, 2, 3].map((n) => sampleRecord(c, n) as unknown as Record<string, unknown>);
      expect((await collection(v0, c).bulkInsert(records)).error).toEqual([]);
      before.set(c, records);
    }
    await v0.close();

    const { schemas, plan } = bumpedSchemasAndPlan();
    expect(missingMigrations(schemas, plan)).toEqual([]);
    const v1 = await openTestDatabase({ name, storage, schemas, migrations: plan });
    try {
      for (const c of LOCAL_COLLECTIONS) {
        expect(v1[c].schema.version, c).toBe(SCHEMAS[c].version + 1);
        const field = migratedField(SCHEMAS[c]);
        const expected = (before.get(c) ?? []).map((r) => ({ ...r, [field]: PREFIX + String(r[field]) }));
        expect(expected).toHaveLength(3);
        expect(await collection(v1, c).count().exec(), c).toBe(expected.length);
        const after = (await collection(v1, c).find().exec()).map((d) => d.toJSON());
        const byId = (a: Record<string, unknown>, b: Record<string, unknown>) => String(a.id).localeCompare(String(b.id));
        expect(after.sort(byId), c).toEqual(expected.sort(byId));
      }
    } finally {
      await v1.close();
    }
  });
});
