/**
 * The domain's escalation refusals (validateEventRefusal) come as codes; each
 * is said in the screen's language from this area's catalogue
 * (`refusal.<code>`). The state and step of "does not fit now" are codes too,
 * worded here with the screen's own state and button words. A code the
 * catalogue does not know yet shows the domain's English.
 */
import { escalationRefusalText } from '../../domain/escalation/escalation-state.ts';
import type { Refusal } from '../../domain/records/refusal.ts';
import { et, type EscalationMessageKey } from './escalation-messages.ts';

function word(key: string, fallback: string | number | undefined): string {
  return key in et.tables.en ? et(key as EscalationMessageKey, { label: '' }).trim() : String(fallback ?? '');
}

export function refusalText(r: Refusal): string {
  const key = `refusal.${r.code}`;
  if (!(key in et.tables.en)) return escalationRefusalText(r);
  const params = { ...r.params };
  if (r.code === 'stateDoesNotFit') {
    params.state = word(`state.${String(params.state)}`, params.state);
    params.step = word(`action.${String(params.step)}`, params.step);
  }
  return et(key as EscalationMessageKey, params);
}
