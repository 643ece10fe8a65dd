/**
 * The domain's handover refusals (handoverRefusal) come as codes; each is
 * said in the screen's language from this area's catalogue (`refusal.<code>`).
 * A code the catalogue does not know yet shows the domain's English, which is
 * still the right reason.
 */
import { HANDOVER_REFUSAL_TEXT } from '../../domain/handover/handover-rules.ts';
import { englishText, type Refusal } from '../../domain/records/refusal.ts';
import { th, type HandoverMessageKey } from './handover-messages.ts';

export function refusalText(r: Refusal): string {
  const key = `refusal.${r.code}`;
  return key in th.tables.en ? th(key as HandoverMessageKey, r.params) : englishText(r, HANDOVER_REFUSAL_TEXT);
}

/** "Cannot sign yet: …", or '' when the domain found nothing wrong. */
export function explainProblem(problem: Refusal | null): string {
  return problem === null ? '' : th('problem', { reason: refusalText(problem) });
}
