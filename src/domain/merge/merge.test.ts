import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HLC_ZERO, formatHlc } from './hlc.ts';
import {
  MAX_CONFLICTS_PER_RECORD,
  conflictsOf,
  createMutable,
  mergeMutable,
  stableStringify,
  stampEdit,
} from './merge.ts';
import type { Objective } from '../okr/okr-types.ts';

const T0 = 1_790_000_000_000;
const at = (wallMs: number, nodeId: string, counter = 0): string => formatHlc({ wallMs, counter, nodeId });

const base: Objective = createMutable<Objective>(
  {
    id: '01K5OBJ0000000000000000000',
    level: 'plant',
    plantId: 'p1',
    lineId: '',
    parentId: '',
    title: 'Cut scrap on line 3',
    cycle: '2026-Q4',
    ownerId: 'ann',
    status: 'draft',
  },
  at(T0, 'hq'),
);

describe('createMutable', () => {
  it('stamps every field but the id with the creating clock', () => {
    expect(base.hlc).toBe(at(T0, 'hq'));
    expect(base.conflicts).toEqual([]);
    expect(Object.keys(base.fieldClocks).sort()).toEqual(['cycle', 'level', 'lineId', 'ownerId', 'parentId', 'plantId', 'status', 'title']);
  });
});

describe('stampEdit', () => {
  it('sets the clock of changed fields only and raises the record version', () => {
    const e = stampEdit(base, { title: 'Halve scrap on line 3', status: 'draft' }, at(T0 + 10, 'tab-1'), 'tab-1');
    expect(e.title).toBe('Halve scrap on line 3');
    expect(e.fieldClocks.title).toBe(at(T0 + 10, 'tab-1'));
    expect(e.fieldClocks.status).toBe(at(T0, 'hq'));
    expect(e.hlc).toBe(at(T0 + 10, 'tab-1'));
    expect(base.title).toBe('Cut scrap on line 3'); // input untouched
  });

  it('keeps an edit that is older than the field it targets as a losing edit', () => {
    const future = stampEdit(base, { title: 'From a tablet with a wrong clock' }, at(T0 + 3_600_000, 'bad'), 'bad');
    const mine = stampEdit(future, { title: 'My title' }, at(T0 + 5, 'tab-1'), 'tab-1');
    expect(mine.title).toBe('From a tablet with a wrong clock');
    expect(mine.conflicts).toEqual([{ field: 'title', value: 'My title', hlc: at(T0 + 5, 'tab-1'), deviceId: 'tab-1' }]);
  });

  it('refuses stamps from another device and edits of meta or id fields', () => {
    expect(() => stampEdit(base, { title: 'x' }, at(T0, 'tab-2'), 'tab-1')).toThrow(TypeError);
    expect(() => stampEdit(base, { id: 'other' } as never, at(T0, 'tab-1'), 'tab-1')).toThrow(TypeError);
    expect(() => stampEdit(base, { hlc: 'x' } as never, at(T0, 'tab-1'), 'tab-1')).toThrow(TypeError);
  });
});

describe('mergeMutable', () => {
  it('takes each field from the later edit and keeps the losing edit', () => {
    const a = stampEdit(base, { title: 'Title from A', ownerId: 'bob' }, at(T0 + 10, 'A'), 'A');
    const b = stampEdit(base, { title: 'Title from B', status: 'active' }, at(T0 + 20, 'B'), 'B');
    const m = mergeMutable(a, b, base);
    expect(m.title).toBe('Title from B');
    expect(m.ownerId).toBe('bob');
    expect(m.status).toBe('active');
    expect(m.hlc).toBe(at(T0 + 20, 'B'));
    expect(m.fieldClocks).toMatchObject({ title: at(T0 + 20, 'B'), ownerId: at(T0 + 10, 'A'), status: at(T0 + 20, 'B') });
    expect(m.conflicts).toEqual([{ field: 'title', value: 'Title from A', hlc: at(T0 + 10, 'A'), deviceId: 'A' }]);
    expect(conflictsOf(m, 'title')).toHaveLength(1);
    expect(conflictsOf(m, 'status')).toHaveLength(0);
  });

  it('breaks a tie in wall time and counter by node id, the same way on every replica', () => {
    const a = stampEdit(base, { title: 'A' }, at(T0 + 10, 'A'), 'A');
    const b = stampEdit(base, { title: 'B' }, at(T0 + 10, 'B'), 'B');
    expect(mergeMutable(a, b).title).toBe('B');
    expect(mergeMutable(b, a).title).toBe('B');
  });

  it('does not record a conflict when both sides made the same change', () => {
    const a = stampEdit(base, { status: 'active' }, at(T0 + 10, 'A'), 'A');
    const b = stampEdit(base, { status: 'active' }, at(T0 + 20, 'B'), 'B');
    expect(mergeMutable(a, b).conflicts).toEqual([]);
  });

  it('with a base, keeps only edits both sides made since it (no noise from untouched fields)', () => {
    const master = stampEdit(base, { title: 'Master title', ownerId: 'cem' }, at(T0 + 30, 'M'), 'M');
    const fork = stampEdit(base, { title: 'Fork title', status: 'active' }, at(T0 + 20, 'F'), 'F');
    const withBase = mergeMutable(master, fork, base);
    expect(withBase.title).toBe('Master title');
    expect(withBase.ownerId).toBe('cem');
    expect(withBase.status).toBe('active');
    expect(withBase.conflicts).toEqual([{ field: 'title', value: 'Fork title', hlc: at(T0 + 20, 'F'), deviceId: 'F' }]);
    // Without the base the untouched-but-overwritten values are kept too, as the safe default.
    expect(mergeMutable(master, fork).conflicts.map((c) => c.field).sort()).toEqual(['ownerId', 'status', 'title']);
  });

  it('refuses to merge two different records', () => {
    expect(() => mergeMutable(base, { ...base, id: 'other' })).toThrow(TypeError);
  });

  it(`keeps at most ${MAX_CONFLICTS_PER_RECORD} losing edits, the newest`, () => {
    let r = base;
    for (let i = 0; i < MAX_CONFLICTS_PER_RECORD + 10; i++) {
      const other = stampEdit(base, { title: `t${i}` }, at(T0 + 1 + 2 * i, 'A'), 'A');
      r = mergeMutable(r, other);
    }
    expect(r.title).toBe(`t${MAX_CONFLICTS_PER_RECORD + 9}`);
    expect(r.conflicts).toHaveLength(MAX_CONFLICTS_PER_RECORD);
    expect(r.conflicts[0]?.value).toBe(`t${MAX_CONFLICTS_PER_RECORD + 8}`);
    expect(r.conflicts.some((c) => c.value === 't0')).toBe(false);
  });

  it('keeps one entry per losing value: the latest edit that tried to set it', () => {
    const a1 = stampEdit(base, { title: 'X' }, at(T0 + 1, 'A'), 'A');
    const b1 = stampEdit(base, { title: 'X' }, at(T0 + 2, 'B'), 'B');
    const c = stampEdit(base, { title: 'Y' }, at(T0 + 3, 'C'), 'C');
    const m = mergeMutable(mergeMutable(a1, c), b1);
    expect(m.conflicts).toEqual([{ field: 'title', value: 'X', hlc: at(T0 + 2, 'B'), deviceId: 'B' }]);
  });
});

describe('merge laws (property)', () => {
  // A pool of edits with unique stamps; a replica is base + any subset, in any order.
  const FIELDS = ['title', 'ownerId', 'status'] as const;
  const VALUES = { title: ['t1', 't2', 't3'], ownerId: ['ann', 'bob'], status: ['draft', 'active', 'done'] } as const;
  const editArb = fc.record({
    field: fc.constantFrom(...FIELDS),
    pick: fc.nat(2),
    wall: fc.integer({ min: 1, max: 6 }),
    node: fc.constantFrom('A', 'B', 'C'),
  });
  // Starting values outside VALUES, so every pooled edit really changes its field.
  const neutral: Objective = { ...base, title: '', ownerId: '', status: 'dropped', fieldClocks: {}, hlc: HLC_ZERO };

  function replica(edits: { field: (typeof FIELDS)[number]; pick: number; wall: number; node: string }[], idx: number[]): Objective {
    let r = neutral;
    idx.forEach((i) => {
      const e = edits[i % edits.length];
      if (!e) return;
      const values = VALUES[e.field];
      const value = values[e.pick % values.length];
      // counter = pool index, so every edit in the pool has its own stamp
      const single = stampEdit(neutral, { [e.field]: value }, at(T0 + e.wall, e.node, i % edits.length), e.node);
      r = mergeMutable(r, single);
    });
    return r;
  }

  const norm = (o: Objective) => stableStringify(o);
  const world = fc
    .array(editArb, { minLength: 1, maxLength: 8 })
    .chain((edits) =>
      fc.tuple(
        fc.constant(edits),
        fc.array(fc.nat(20), { maxLength: 6 }),
        fc.array(fc.nat(20), { maxLength: 6 }),
        fc.array(fc.nat(20), { maxLength: 6 }),
      ),
    );

  it('is commutative', () => {
    fc.assert(
      fc.property(world, ([edits, x, y]) => {
        const a = replica(edits, x);
        const b = replica(edits, y);
        expect(norm(mergeMutable(a, b))).toBe(norm(mergeMutable(b, a)));
      }),
      { numRuns: 300 },
    );
  });

  it('is associative', () => {
    fc.assert(
      fc.property(world, ([edits, x, y, z]) => {
        const a = replica(edits, x);
        const b = replica(edits, y);
        const c = replica(edits, z);
        expect(norm(mergeMutable(mergeMutable(a, b), c))).toBe(norm(mergeMutable(a, mergeMutable(b, c))));
      }),
      { numRuns: 300 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(world, ([edits, x, y]) => {
        const a = replica(edits, x);
        const ab = mergeMutable(a, replica(edits, y));
        expect(norm(mergeMutable(a, a))).toBe(norm(a));
        expect(norm(mergeMutable(ab, ab))).toBe(norm(ab));
      }),
      { numRuns: 300 },
    );
  });

  it('converges whatever order the edits arrive in, and never loses a value silently', () => {
    fc.assert(
      fc.property(world, ([edits, x]) => {
        const forward = replica(edits, x);
        const backward = replica(edits, [...x].reverse());
        expect(norm(forward)).toBe(norm(backward));
        // every value that was applied is either on the record or in conflicts
        for (const i of x) {
          const e = edits[i % edits.length];
          if (!e) continue;
          const value = VALUES[e.field][e.pick % VALUES[e.field].length];
          const visible = forward[e.field] === value || forward.conflicts.some((c) => c.field === e.field && c.value === value);
          expect(visible).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
