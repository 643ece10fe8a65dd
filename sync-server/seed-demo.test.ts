import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqliteEngine, T0 } from './http/testing/test-support.ts';
import { redeemEnrollmentCode } from './auth/enrollment.ts';
import { seedDemo } from './seed-demo.ts';
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
