/**
 * Improvement actions on the local database. An action is a mutable record
 * (stamped with a hybrid logical clock, merged field by field), written here
 * once when it is noted; the sync client sends it when the server can be reached.
 */
import type { ImprovementAction } from '../../domain/okr/okr-types.ts';
import type { TierboardDatabase } from '../database.ts';

export async function insertImprovementAction(db: Pick<TierboardDatabase, 'improvement_actions'>, action: ImprovementAction): Promise<void> {
  await db.improvement_actions.insert(action);
}
