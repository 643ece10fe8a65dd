/**
 * The domain's handover refusals (validateHandover) are English sentences.
 * The two a lead meets at the tablet (picking themselves, signing before
 * every item is acknowledged) are said in the screen's language; any other
 * refusal shows as the domain words it, which is still the right reason.
 */
import type { HandoverCheckIn } from '../../domain/types.ts';
import { th } from './messages.ts';

const SAME_LEAD = 'The incoming lead must be someone other than the outgoing lead.';
const notAcknowledged = (text: string) => `The incoming lead has not acknowledged "${text}" yet.`;

function translate(problem: string, checkIn: HandoverCheckIn): string {
  if (problem === SAME_LEAD) return th('problem.sameLead');
  const item = checkIn.openItems.find((i) => problem === notAcknowledged(i.text));
  if (item) return th('problem.notAcknowledged', { text: item.text });
  return problem;
}

/** "Cannot sign yet: …", or '' when the domain found nothing wrong. */
export function explainProblem(problem: string | null, checkIn: HandoverCheckIn): string {
  return problem === null ? '' : th('problem', { reason: translate(problem, checkIn) });
}
