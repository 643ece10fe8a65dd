/**
 * Improvement actions on the Kanban (issue 12, item 7): lanes backlog, to do, doing, verify, done
 * and dropped; a card moves by a tap (the next lane, or any lane picked), and a due date that moves
 * keeps the date first set, so the board can say "was due 5 December". Cards are born from an
 * escalation's corrective action or a low-confidence check-in's next action, linked to where they
 * came from. Pure: the caller stamps the edit clocks (merge.ts) and saves.
 */
import type { ProductionDate } from '../records/record-types.ts';
import { ACTION_LANES, type ActionLane, type ImprovementAction, type KrCheckIn } from './okr-types.ts';
import { isLowConfidence } from './okr-status.ts';

/** The lane a tap on "next" moves a card to: along the flow, done and dropped stay. */
export function nextLane(lane: ActionLane): ActionLane {
  if (lane === 'done' || lane === 'dropped') return lane;
  return ACTION_LANES[ACTION_LANES.indexOf(lane) + 1] as ActionLane;
}

/** The card in another lane. */
export function moveCard(card: ImprovementAction, lane: ActionLane): ImprovementAction {
  return card.status === lane ? card : { ...card, status: lane };
}

/** The card with a new due date; the first due date it had is kept as `originalDue`. */
export function moveDue(card: ImprovementAction, due: ProductionDate): ImprovementAction {
  if (card.due === due) return card;
  const originalDue = card.originalDue ?? (card.due === '' ? undefined : card.due);
  return originalDue === undefined ? { ...card, due } : { ...card, due, originalDue };
}

/** A card is late when its due date has passed and it is not done or dropped. */
export function isCardLate(card: Pick<ImprovementAction, 'due' | 'status'>, today: ProductionDate): boolean {
  return card.due !== '' && card.due < today && card.status !== 'done' && card.status !== 'dropped';
}

type NewCard = Omit<ImprovementAction, 'hlc' | 'fieldClocks' | 'conflicts'>;

/** A card from a low-confidence check-in's next action; null when the check-in has none to carry. */
export function cardFromCheckIn(checkIn: KrCheckIn, id: string, ownerId: string, due: ProductionDate): NewCard | null {
  const title = (checkIn.nextAction ?? '').trim();
  if (title === '' || !isLowConfidence(checkIn.confidence)) return null;
  return { id, plantId: checkIn.plantId, title, status: 'todo', ownerId, due, keyResultId: checkIn.keyResultId, escalationId: '', notedBy: checkIn.personId };
}

/** A card from an escalation's corrective action, in one tap. */
export function cardFromEscalation(escalation: { id: string; plantId: string }, action: string, id: string, ownerId: string, notedBy: string, due: ProductionDate): NewCard {
  return { id, plantId: escalation.plantId, title: action.trim(), status: 'todo', ownerId, due, keyResultId: '', escalationId: escalation.id, notedBy };
}
