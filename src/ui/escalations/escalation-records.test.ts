import { describe, expect, it } from 'vitest';
import { deriveEscalation } from '../../domain/escalation/escalation-state.ts';
import { memoryStorage } from '../../state/key-value-storage.ts';
import { createSessionStore } from '../../state/session-store.ts';
import { sessionCorrectedNow } from '../../state/session-clock.ts';
import { buildRaise, buildStep } from './escalation-records.ts';

const random = () => 0.5;

describe('escalation records', () => {
  it('a raise is a header and its raised step, at the same moment, by the same person and device', () => {
    const at = Date.UTC(2026, 10, 20, 9, 0);
    const { header, raised } = buildRaise({
      plantId: 'p', lineId: 'l', category: 'quality', severity: 'medium', description: '  burr on edge ', photo: '', personId: 'ana', deviceId: 'dev', atMs: at, random,
    });
    expect(header).toMatchObject({ plantId: 'p', lineId: 'l', category: 'quality', severity: 'medium', description: 'burr on edge', raisedBy: 'ana', raisedAt: '2026-11-20T09:00:00.000Z', deviceId: 'dev', receivedAt: '' });
    expect(raised).toMatchObject({ escalationId: header.id, plantId: 'p', type: 'raised', at: header.raisedAt, personId: 'ana', deviceId: 'dev', tier: 0, whys: [] });
    expect(deriveEscalation(header, [raised], []).timeline).toEqual([raised]);
  });

  it('steps carry only what their type needs, trimmed', () => {
    const e = buildStep({ escalation: { id: 'esc', plantId: 'p' }, type: 'resolved', personId: 'ben', deviceId: 'dev', atMs: 0, random, whys: [' a ', 'b'], rootCause: ' rc ', action: ' fix ' });
    expect(e).toMatchObject({ type: 'resolved', whys: ['a', 'b'], rootCause: 'rc', action: 'fix', comment: '', toPersonId: '', tier: 0, at: '1970-01-01T00:00:00.000Z' });
  });

  it('the moment is the device clock corrected by the measured offset', () => {
    const session = createSessionStore({ storage: memoryStorage(), nowMs: 0, random });
    session.getState().setClockOffset(-1_250);
    expect(sessionCorrectedNow({ now: () => 10_000 }, session)).toBe(8_750);
  });
});
