import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postgresEngine, reading, sqliteEngine, T0 } from './http/testing/test-support.ts';
import { redeemEnrollmentCode } from './auth/enrollment.ts';
import { demoRefusal, loadDataset, seedDemo } from './seed-demo.ts';
import type { Store } from './store/store.ts';

describe('demo seeding', () => {
  let store: Store;
  let destroy: () => Promise<void>;
  beforeEach(async () => {
    ({ store, destroy } = await sqliteEngine.open());
  });
  afterEach(async () => destroy());

  it('loads the demo enterprise into an empty store once, and makes working codes on every start', async () => {
    const first = await seedDemo(store, T0, 'http://plant.test');
    expect(first.loaded).toBe(true);
    const head = await store.headPosition();
    expect(head).toBeGreaterThan(0);
    expect(first.codes.tablet.link).toBe(`http://plant.test/#enroll=${first.codes.tablet.code}`);

    const tablet = await redeemEnrollmentCode(store, first.codes.tablet.code, 'demo tablet', T0);
    expect(tablet).toMatchObject({ plantId: first.codes.plantId, kind: 'tablet', lineId: first.codes.lineId });
    const wall = await redeemEnrollmentCode(store, first.codes.wallScreen.code, 'demo wall', T0);
    expect(wall).toMatchObject({ plantId: first.codes.plantId, kind: 'wall_screen', lineId: '' });

    const again = await seedDemo(store, T0 + 1000, 'http://plant.test');
    expect(again.loaded).toBe(false);
    expect(await store.headPosition()).toBe(head);
    expect(again.codes.tablet.code).not.toBe(first.codes.tablet.code);
  });

  it('issues one tablet code per extra tablet asked for, each for the same line and each working once', async () => {
    const seeded = await seedDemo(store, T0, 'http://plant.test', { tablets: 3 });
    const codes = [seeded.codes.tablet, ...seeded.codes.moreTablets].map((c) => c.code);
    expect(new Set(codes).size).toBe(3);
    for (const [i, code] of codes.entries()) {
      const device = await redeemEnrollmentCode(store, code, `tablet ${i}`, T0);
      expect(device).toMatchObject({ plantId: seeded.codes.plantId, kind: 'tablet', lineId: seeded.codes.lineId });
    }
    expect((await seedDemo(store, T0, 'http://plant.test')).codes.moreTablets).toEqual([]);
  });
});

describe.each([sqliteEngine, postgresEngine])('[E9] the demo and a database of its own on $name', (engine) => {
  let store: Store;
  let destroy: () => Promise<void>;
  beforeEach(async () => {
    ({ store, destroy } = await engine.open());
  });
  afterEach(async () => destroy());

  it('[E9] goes into an empty database or its own, never into one holding other data', async () => {
    expect(await demoRefusal(store)).toBeNull();
    await loadDataset(store, { kpi_readings: [reading({ plantId: 'plant-real', lineId: 'line-real' })] }, new Date(T0).toISOString());
    expect(await demoRefusal(store)).toMatch(/not the demo enterprise/);
  });

  it('[E9] a database holding the demo takes fresh demo codes again', async () => {
    await seedDemo(store, T0, 'http://plant.test');
    expect(await demoRefusal(store)).toBeNull();
  });
});
