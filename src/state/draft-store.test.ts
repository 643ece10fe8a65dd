import { describe, expect, it } from 'vitest';
import { createDraftStore, DRAFT_KEEP_DAYS, DRAFTS_KEY } from './draft-store.ts';
import { memoryStorage } from './key-value-storage.ts';

const ana = { personId: 'person-ana', plantId: 'plant-t', lineId: 'line-t1', subject: 'handover:A:2026-12-07' };

describe('draft store', () => {
  it('keeps a draft per person, plant, line and subject, across a new store on the same storage (a reload)', () => {
    const storage = memoryStorage();
    const t = { now: 1_000 };
    createDraftStore(storage, () => t.now).slot(ana)?.save({ notes: 'Belt 3 squeaks' });

    const again = createDraftStore(storage, () => t.now);
    expect(again.slot(ana)?.load()).toEqual({ notes: 'Belt 3 squeaks' });
    expect(again.slot({ ...ana, personId: 'person-ben' })?.load()).toBeNull();
    expect(again.slot({ ...ana, lineId: 'line-t2' })?.load()).toBeNull();
    expect(again.slot({ ...ana, plantId: 'plant-u' })?.load()).toBeNull();
    expect(again.slot({ ...ana, subject: 'handover:B:2026-12-07' })?.load()).toBeNull();
  });

  it('has no slot while nobody is signed in', () => {
    expect(createDraftStore(memoryStorage(), () => 0).slot({ ...ana, personId: '' })).toBeNull();
  });

  it('clearing one draft leaves the others, and the last one cleared leaves nothing in storage', () => {
    const storage = memoryStorage();
    const drafts = createDraftStore(storage, () => 0);
    const other = { ...ana, subject: 'escalation:e1:commented' };
    drafts.slot(ana)?.save('a');
    drafts.slot(other)?.save('b');
    drafts.slot(ana)?.clear();
    expect(drafts.slot(ana)?.load()).toBeNull();
    expect(drafts.slot(other)?.load()).toBe('b');
    drafts.slot(other)?.clear();
    expect(storage.getItem(DRAFTS_KEY)).toBeNull();
  });

  it(`drops drafts nobody came back to in ${DRAFT_KEEP_DAYS} days`, () => {
    const t = { now: 0 };
    const drafts = createDraftStore(memoryStorage(), () => t.now);
    drafts.slot(ana)?.save('old');
    t.now = DRAFT_KEEP_DAYS * 24 * 3_600_000;
    expect(drafts.slot(ana)?.load()).toBe('old');
    t.now += 1;
    expect(drafts.slot(ana)?.load()).toBeNull();
  });

  it('survives unreadable storage: a broken item reads as no drafts, a full storage keeps the screen going', () => {
    const storage = memoryStorage({ [DRAFTS_KEY]: '{not json' });
    const drafts = createDraftStore(storage, () => 0);
    expect(drafts.slot(ana)?.load()).toBeNull();
    const full = { ...memoryStorage(), setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(() => createDraftStore(full, () => 0).slot(ana)?.save('x')).not.toThrow();
  });
});
