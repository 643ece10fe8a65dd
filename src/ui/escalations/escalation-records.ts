/**
 * Building the records an escalation is made of: the immutable header with
 * its `raised` step, and every later step. Pure: time, ids and the person
 * come in, so tests see every field.
 *
 * Every moment is the tablet's clock corrected by the measured offset to the
 * server (`correctedNow`, src/domain/time/clock.ts): the fold orders steps by `at`, and a tablet
 * whose clock runs ahead must not make a close sort before the fix it verifies
 * (escalation-state.ts, "Known limit").
 */
import { newId } from '../../domain/records/ids.ts';
import type { Escalation, EscalationEvent, EscalationEventType } from '../../domain/escalation/escalation-types.ts';

/** What the raise form gathered, as the header stores it, plus who, where and when. */
export interface NewEscalation extends Pick<Escalation, 'plantId' | 'lineId' | 'category' | 'severity' | 'description' | 'photo'> {
  personId: string;
  deviceId: string;
  atMs: number;
  random: () => number;
}

/** The header and its `raised` step: one moment, one person, one device. */
export function buildRaise(n: NewEscalation): { header: Escalation; raised: EscalationEvent } {
  const at = new Date(n.atMs).toISOString();
  const header: Escalation = {
    id: newId(n.atMs, n.random),
    plantId: n.plantId,
    lineId: n.lineId,
    category: n.category,
    severity: n.severity,
    description: n.description.trim(),
    photo: n.photo,
    raisedBy: n.personId,
    raisedAt: at,
    deviceId: n.deviceId,
    receivedAt: '',
  };
  const raised = buildStep({ escalation: header, type: 'raised', personId: n.personId, deviceId: n.deviceId, atMs: n.atMs, random: n.random });
  return { header, raised };
}

export interface StepFields {
  tier?: number;
  toPersonId?: string;
  comment?: string;
  whys?: string[];
  rootCause?: string;
  action?: string;
}

export interface NewStep extends StepFields {
  escalation: Pick<Escalation, 'id' | 'plantId'>;
  type: EscalationEventType;
  personId: string;
  deviceId: string;
  atMs: number;
  random: () => number;
}

export function buildStep(s: NewStep): EscalationEvent {
  return {
    id: newId(s.atMs, s.random),
    escalationId: s.escalation.id,
    plantId: s.escalation.plantId,
    type: s.type,
    at: new Date(s.atMs).toISOString(),
    personId: s.personId,
    deviceId: s.deviceId,
    tier: s.tier ?? 0,
    toPersonId: s.toPersonId ?? '',
    comment: (s.comment ?? '').trim(),
    whys: (s.whys ?? []).map((w) => w.trim()),
    rootCause: (s.rootCause ?? '').trim(),
    action: (s.action ?? '').trim(),
    receivedAt: '',
  };
}
