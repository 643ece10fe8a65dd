import { afterEach, describe, expect, it } from 'vitest';
import { deriveEscalation, validateEventRefusal, validateEvent } from '../../domain/escalation/escalation-state.ts';
import type { Escalation, EscalationEvent } from '../../domain/escalation/escalation-types.ts';
import { languageStore } from '../i18n/language.ts';
import { refusalText } from './refusal-text.ts';

const AT = '2026-03-02T08:00:00.000Z';
const header = { id: 'esc-1', plantId: 'p1', lineId: 'l1', raisedAt: AT } as Escalation;
const step = (over: Partial<EscalationEvent>): EscalationEvent =>
  ({ id: 'ev', escalationId: 'esc-1', plantId: 'p1', type: 'commented', at: AT, personId: 'sup', deviceId: 'd1', tier: 0, toPersonId: '', comment: '', whys: [], rootCause: '', action: '', ...over }) as EscalationEvent;
const resolved = step({ id: 'ev-r', type: 'resolved', personId: 'sup', whys: ['jam'], rootCause: 'worn guide', action: 'replaced guide' });
const view = deriveEscalation(header, [resolved], [{ tier: 1, afterMinutes: 0, label: 'Line lead', roles: ['shift_lead'] }] as never);
const closeBySame = step({ id: 'ev-c', type: 'closed', at: '2026-03-02T09:00:00.000Z', personId: 'sup' });
const who = { role: 'supervisor' as const, plantId: 'p1', personId: 'sup' };

afterEach(() => languageStore.getState().setLanguage('en'));

describe('escalation refusals in the screen language', () => {
  it('says in German that the person who resolved it cannot also close it', () => {
    const r = validateEventRefusal(view, closeBySame, who);
    expect(r?.code).toBe('resolverCannotClose');
    languageStore.getState().setLanguage('de');
    expect(refusalText(r!)).toBe(
      'Wer eine Eskalation gelöst hat, kann sie nicht auch prüfen und schließen; bitten Sie die Meisterin, den Meister oder die Werkleitung.',
    );
  });

  it('keeps the English sentence the server sends, and words a state mismatch with the screen words', () => {
    expect(validateEvent(view, closeBySame, who)).toBe(
      'The person who resolved an escalation cannot also verify and close it; ask a supervisor or the plant head.',
    );
    const ack = validateEventRefusal(view, step({ id: 'ev-a', type: 'acknowledged' }), who);
    expect(ack).toEqual({ code: 'stateDoesNotFit', params: { state: 'resolved', step: 'acknowledged' } });
    languageStore.getState().setLanguage('de');
    expect(refusalText(ack!)).toBe('„Quittieren“ passt jetzt nicht: Die Eskalation ist Gelöst, zu prüfen.');
  });
});
