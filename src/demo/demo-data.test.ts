import { describe, expect, it } from 'vitest';
import { COLLECTIONS, COLLECTION_NAMES } from '../domain/records/collections.ts';
import { ROLES, type Role } from '../domain/people/people-types.ts';
import { type KpiDefinition } from '../domain/kpi/kpi-types.ts';
import { FORMULA_INPUTS } from '../domain/kpi/kpi-formulas.ts';
import { validateThresholds } from '../domain/kpi/kpi-status.ts';
import { DEMO_ENTERPRISE_ID, DEMO_HLC, DEMO_PLANT_IDS, demoDataset } from './demo-data.ts';
import { PIN_HASH_FORMAT } from '../domain/people/pin.ts';

const data = demoDataset();
const ids = (records: readonly { id: string }[]) => new Set(records.map((r) => r.id));
const plantIds = ids(data.plants);
const personById = new Map(data.people.map((p) => [p.id, p]));
const PLANT_ROLES: Role[] = ['operator', 'shift_lead', 'responder', 'supervisor', 'plant_head', 'plant_admin'];

/** An owner must exist and belong to the record's plant, or be an enterprise person for enterprise records. */
function expectOwner(ownerId: string, plantId: string, what: string) {
  const owner = personById.get(ownerId);
  expect(owner, `${what}: owner ${ownerId}`).toBeDefined();
  if (plantId) expect(owner?.plantId, `${what}: owner's plant`).toBe(plantId);
  else expect(owner?.role, `${what}: enterprise owner`).toMatch(/^enterprise_/);
}

describe('demo dataset', () => {
  it('has every collection, and ids unique within each', () => {
    expect(Object.keys(data).sort()).toEqual([...COLLECTION_NAMES].sort());
    for (const name of COLLECTION_NAMES) {
      const records = data[name] as { id: string }[];
      expect(ids(records).size, name).toBe(records.length);
    }
  });

  it('is deterministic and hands out fresh objects on every call', () => {
    const again = demoDataset();
    expect(again).toEqual(data);
    again.plants[0]!.name = 'changed';
    again.people[0]!.fieldClocks['name'] = 'x';
    expect(demoDataset().plants[0]!.name).not.toBe('changed');
    expect(demoDataset().people[0]!.fieldClocks).toEqual({});
  });

  it('stamps every mutable record with the demo clock and no conflicts', () => {
    for (const info of COLLECTIONS.filter((c) => !c.immutable)) {
      for (const r of data[info.name] as unknown as { hlc: string; fieldClocks: object; conflicts: unknown[] }[]) {
        expect(r.hlc).toBe(DEMO_HLC);
        expect(r.fieldClocks).toEqual({});
        expect(r.conflicts).toEqual([]);
      }
    }
  });

  it('has one enterprise with the four exported plants in at least three time zones', () => {
    expect(data.enterprises.map((e) => e.id)).toEqual([DEMO_ENTERPRISE_ID]);
    expect(data.plants.map((p) => p.id)).toEqual([...DEMO_PLANT_IDS]);
    expect(data.plants.every((p) => p.enterpriseId === DEMO_ENTERPRISE_ID)).toBe(true);
    expect(new Set(data.plants.map((p) => p.timeZone)).size).toBeGreaterThanOrEqual(3);
    for (const p of data.plants) {
      expect(() => new Intl.DateTimeFormat(p.locale, { timeZone: p.timeZone })).not.toThrow();
      expect(p.tierLadder.map((t) => [t.tier, t.role, t.afterMinutes])).toEqual([
        [1, 'shift_lead', 0], [2, 'responder', 30], [3, 'plant_head', 60], [4, 'plant_head', 240],
      ]);
      expect(p.idleSignOutMinutes).toBe(5);
    }
  });

  it('gives each plant its own shift pattern, with one rotating 4-crew pattern', () => {
    for (const p of data.plants) {
      const pattern = data.shift_patterns.find((s) => s.id === p.shiftPatternId);
      expect(pattern?.plantId, p.id).toBe(p.id);
    }
    expect(new Set(data.shift_patterns.map((s) => s.kind))).toEqual(new Set(['3x8', '2x12', 'rotating']));
    for (const s of data.shift_patterns) {
      for (const shift of s.shifts) expect(shift.start).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
      // Every pattern covers the 24 hours exactly.
      expect(s.shifts.reduce((sum, x) => sum + x.durationMinutes, 0)).toBe(24 * 60);
    }
  });

  it('staffs every shift of the rotating pattern with exactly one crew a day, 14 of 28 days per crew', () => {
    const rotating = data.shift_patterns.find((s) => s.kind === 'rotating');
    expect(rotating?.crews).toHaveLength(4);
    expect(rotating?.rotationAnchor).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(rotating?.rotation).toHaveLength(28);
    const worked = new Map<string, number>();
    for (const day of rotating?.rotation ?? []) {
      expect(day).toHaveLength(rotating?.shifts.length ?? 0);
      expect(day.every((crew) => crew !== null && rotating?.crews.includes(crew))).toBe(true);
      expect(new Set(day).size, 'one crew cannot work both shifts of a day').toBe(day.length);
      for (const crew of day) worked.set(crew ?? '', (worked.get(crew ?? '') ?? 0) + 1);
    }
    expect([...worked.values()]).toEqual([14, 14, 14, 14]);
  });

  it('has a 10-20 person roster per plant covering every plant role, enterprise roles on the first plant', () => {
    for (const plant of data.plants) {
      const roster = data.people.filter((p) => p.plantId === plant.id);
      expect(roster.length, plant.id).toBeGreaterThanOrEqual(10);
      expect(roster.length, plant.id).toBeLessThanOrEqual(20);
      const roles = new Set(roster.map((p) => p.role));
      for (const role of PLANT_ROLES) expect(roles.has(role), `${plant.id} ${role}`).toBe(true);
    }
    const first = data.people.filter((p) => p.plantId === DEMO_PLANT_IDS[0]).map((p) => p.role);
    expect(first).toContain('enterprise_leader');
    expect(first).toContain('enterprise_admin');
    expect(new Set(data.people.map((p) => p.role))).toEqual(new Set(ROLES));
    expect(new Set(data.people.map((p) => p.badge)).size).toBe(data.people.length);
    for (const p of data.people) {
      expect(p.id).toMatch(/^person-[a-z0-9-]+$/);
      expect(p.badge).toMatch(/^\d{5}$/);
      // Only a salted hash of the demo PIN is kept, never the PIN (demo-pins.test.ts checks it verifies).
      expect(p.pinHash).toMatch(PIN_HASH_FORMAT);
      expect(p.pinSalt).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it('resolves every plant, line and device reference', () => {
    const lineById = new Map(data.lines.map((l) => [l.id, l]));
    for (const l of data.lines) expect(plantIds.has(l.plantId), l.id).toBe(true);
    for (const d of data.devices) {
      expect(plantIds.has(d.plantId), d.id).toBe(true);
      if (d.lineId) expect(lineById.get(d.lineId)?.plantId, d.id).toBe(d.plantId);
    }
    for (const l of data.lines) {
      expect(data.devices.filter((d) => d.lineId === l.id && d.kind === 'tablet'), l.id).toHaveLength(1);
    }
    for (const p of data.people) expect(plantIds.has(p.plantId), p.id).toBe(true);
  });

  it('resolves every KPI reference: plant, line, area, owner and formula inputs', () => {
    for (const k of data.kpi_definitions) {
      if (k.plantId) expect(plantIds.has(k.plantId), k.id).toBe(true);
      else expect(k.level, `${k.id}: enterprise KPIs are plant-level`).toBe('plant');
      expectOwner(k.ownerId, k.plantId, k.id);
      if (k.level === 'line') {
        expect(data.lines.find((l) => l.id === k.lineId)?.plantId, k.id).toBe(k.plantId);
        expect(k.area).toBe('');
      } else {
        expect(k.lineId, k.id).toBe('');
      }
      if (k.level === 'area') {
        expect(data.lines.some((l) => l.plantId === k.plantId && l.area === k.area), k.id).toBe(true);
      }
      // Formula inputs name codes of KPIs in the same plant and the same line or area.
      const scope = data.kpi_definitions.filter(
        (o) => o.plantId === k.plantId && o.level === k.level && o.lineId === k.lineId && o.area === k.area,
      );
      expect(k.formula === null).toBe(Object.keys(k.formulaInputs).length === 0);
      if (k.formula) expect(Object.keys(k.formulaInputs).sort(), k.id).toEqual([...FORMULA_INPUTS[k.formula]].sort());
      for (const code of Object.values(k.formulaInputs)) {
        const input = scope.find((o) => o.code === code);
        expect(input, `${k.id} input ${code}`).toBeDefined();
        expect(input?.formula, `${k.id}: ${code} is itself an input`).not.toBe(k.formula);
      }
    }
  });

  it('keeps KPI codes unique within a plant and within the enterprise', () => {
    const scopes = new Map<string, string[]>();
    for (const k of data.kpi_definitions) scopes.set(k.plantId, [...(scopes.get(k.plantId) ?? []), k.code]);
    for (const [plant, codes] of scopes) expect(new Set(codes).size, plant || 'enterprise').toBe(codes.length);
  });

  // Line level: 5-10 KPIs on the board per line, plus the raw inputs the formulas read
  // (kpi-formulas.ts's OEE alone reads six), which are definitions too but not board headlines.
  it('has 5 to 10 KPIs per level per plant (line level: per line, besides formula inputs), covering all of SQDCP', () => {
    for (const plant of data.plants) {
      const mine = data.kpi_definitions.filter((k) => k.plantId === plant.id);
      for (const level of ['plant', 'area'] as const) {
        const n = mine.filter((k) => k.level === level).length;
        expect(n, `${plant.id} ${level}`).toBeGreaterThanOrEqual(5);
        expect(n, `${plant.id} ${level}`).toBeLessThanOrEqual(10);
      }
      for (const line of data.lines.filter((l) => l.plantId === plant.id)) {
        const onLine = mine.filter((k) => k.lineId === line.id);
        const inputs = new Set(onLine.flatMap((k) => Object.values(k.formulaInputs)));
        const headlines = onLine.filter((k) => !inputs.has(k.code));
        expect(headlines.length, line.id).toBeGreaterThanOrEqual(5);
        expect(headlines.length, line.id).toBeLessThanOrEqual(10);
        expect(new Set(headlines.map((k) => k.category)).size, line.id).toBe(5);
        expect(onLine.length, line.id).toBe(headlines.length + inputs.size);
        expect(new Set(onLine.map((k) => k.category)).size, line.id).toBe(5);
        expect(onLine.filter((k) => k.formula === 'oee'), line.id).toHaveLength(1);
      }
      expect(new Set(mine.filter((k) => k.level === 'plant').map((k) => k.category)).size).toBe(5);
    }
    const enterprise = data.kpi_definitions.filter((k) => k.plantId === '');
    expect(enterprise.length).toBeGreaterThanOrEqual(2);
  });

  it('orders thresholds with the direction and keeps targets inside the plausible range', () => {
    const check = (k: KpiDefinition) => {
      expect(validateThresholds(k), k.id).toBeNull();
      if (k.direction === 'higher_is_better') {
        expect(k.redThreshold, k.id).toBeLessThan(k.amberThreshold);
        expect(k.amberThreshold, k.id).toBeLessThanOrEqual(k.target);
      } else {
        expect(k.target, k.id).toBeLessThanOrEqual(k.amberThreshold);
        expect(k.amberThreshold, k.id).toBeLessThan(k.redThreshold);
      }
      for (const v of [k.target, k.amberThreshold, k.redThreshold]) {
        expect(v, k.id).toBeGreaterThanOrEqual(k.plausibleMin);
        expect(v, k.id).toBeLessThanOrEqual(k.plausibleMax);
      }
      if (k.unit === '%') expect([k.plausibleMin, k.plausibleMax], k.id).toEqual([0, 100]);
      expect(Number.isInteger(k.decimals) && k.decimals >= 0).toBe(true);
    };
    data.kpi_definitions.forEach(check);
  });

  it('resolves every OKR reference: parents, objectives, KPIs, owners, plants and lines', () => {
    const objectives = new Map(data.objectives.map((o) => [o.id, o]));
    const levelRank = { enterprise: 0, plant: 1, line: 2, cycle: -1 } as const;
    for (const o of data.objectives) {
      if (o.level === 'cycle') {
        expect(o.cycle, o.id).toBe(o.id);
        if (o.parentId !== '') expect(objectives.get(o.parentId)?.level, o.id).toBe('cycle');
        continue;
      }
      expect(objectives.get(o.cycle)?.level, `${o.id} cycle`).toBe('cycle');
      expectOwner(o.ownerId, o.plantId, o.id);
      if (o.level === 'enterprise') expect([o.plantId, o.lineId, o.parentId], o.id).toEqual(['', '', '']);
      else {
        const parent = objectives.get(o.parentId);
        expect(parent, `${o.id} parent`).toBeDefined();
        expect(levelRank[parent?.level ?? 'line'], o.id).toBeLessThan(levelRank[o.level]);
        expect(plantIds.has(o.plantId), o.id).toBe(true);
      }
      if (o.level === 'line') expect(data.lines.find((l) => l.id === o.lineId)?.plantId, o.id).toBe(o.plantId);
    }
    expect(data.objectives.filter((o) => o.level === 'enterprise')).toHaveLength(3);
    for (const kr of data.key_results) {
      const objective = objectives.get(kr.objectiveId);
      expect(objective, kr.id).toBeDefined();
      expect(plantIds.has(kr.plantId), kr.id).toBe(true);
      if (objective?.plantId) expect(kr.plantId, kr.id).toBe(objective.plantId);
      expectOwner(kr.ownerId, kr.plantId, kr.id);
      expect(kr.from, kr.id).not.toBe(kr.to);
      if (kr.source === 'kpi') {
        const kpi = data.kpi_definitions.find((k) => k.id === kr.kpiId);
        expect(kpi?.plantId, kr.id).toBe(kr.plantId);
        expect(kr.windowDays, kr.id).toBeGreaterThan(0);
      } else {
        expect(kr.kpiId, kr.id).toBe('');
      }
    }
    const sources = new Set(data.key_results.filter((kr) => objectives.get(kr.objectiveId)?.level === 'enterprise').map((kr) => kr.source));
    expect(sources).toEqual(new Set(['manual', 'kpi']));
    for (const a of data.improvement_actions) {
      expectOwner(a.ownerId, a.plantId, a.id);
      expect(data.key_results.find((kr) => kr.id === a.keyResultId)?.plantId, a.id).toBe(a.plantId);
    }
  });
});
