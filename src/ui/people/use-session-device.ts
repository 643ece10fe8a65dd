/**
 * This device as the rule book sees it (src/domain/people/permissions.ts):
 * its kind and the plant it stands in, from the session. The screens ask the
 * rule book with it, as the server does with the enrolled device, so a step
 * the server would refuse is not offered. One object while kind and plant
 * stay the same, so memos keyed on it do not re-run.
 */
import { useMemo } from 'preact/hooks';
import type { ActingDevice } from '../../domain/people/permissions.ts';
import type { SessionStore } from '../../state/session-store.ts';
import { useStore } from '../../state/use-store.ts';

export function useSessionDevice(session: SessionStore, fallbackPlantId: string): ActingDevice {
  const kind = useStore(session, (s) => s.deviceKind);
  const plantId = useStore(session, (s) => s.plantId) || fallbackPlantId;
  return useMemo(() => ({ kind, plantId }), [kind, plantId]);
}
