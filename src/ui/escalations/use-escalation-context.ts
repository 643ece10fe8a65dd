/**
 * The small pieces every escalation screen needs from the session and the
 * database (src/db/escalations/escalation-db.ts): who is signed in (with
 * their role), the roster and the lines, the plant's escalations.
 */
import { useEffect, useState } from 'preact/hooks';
import type { TierboardDatabase } from '../../db/database.ts';
import type { ActingDevice, Actor } from '../../domain/people/permissions.ts';
import type { DeviceKind, Person } from '../../domain/people/people-types.ts';
import type { Line } from '../../domain/plant/plant-types.ts';
import type { SessionStore } from '../../state/session-store.ts';
import { useStore } from '../../state/use-store.ts';
import type { RefusedRecords } from '../../db/refused-records.ts';
import { watchLines, watchPlantEscalations, watchRoster, type PlantEscalations } from '../../db/escalations/escalation-db.ts';

/** The plant's roster and lines, kept current (sync may bring new people). */
export function usePlantPeopleAndLines(db: TierboardDatabase, plantId: string): { roster: Person[]; lines: Line[] } {
  const [roster, setRoster] = useState<Person[]>([]);
  const [lines, setLines] = useState<Line[]>([]);
  useEffect(() => watchRoster(db, plantId, setRoster), [db, plantId]);
  useEffect(() => watchLines(db, plantId, setLines), [db, plantId]);
  return { roster, lines };
}

/** Every escalation of the plant with the steps that count, and the refused ones apart ([C-O6]), kept current; null until the first answer. */
export function usePlantEscalations(db: TierboardDatabase, plantId: string, refused?: RefusedRecords): PlantEscalations | null {
  const [data, setData] = useState<PlantEscalations | null>(null);
  useEffect(() => watchPlantEscalations(db, plantId, setData, refused), [db, plantId, refused]);
  return data;
}

/** The signed-in person's roster record, or null (nobody signed in, or not in this plant's roster). */
export function useSignedInPerson(session: SessionStore, roster: readonly Person[]): Person | null {
  const personId = useStore(session, (s) => s.personId);
  if (!personId) return null;
  const p = roster.find((r) => r.id === personId);
  return p && p.active ? p : null;
}

/** The person as the rule books see them: role, home plant and (for "not the resolver") their id. */
export function actorOf(person: Person): Actor & { personId: string } {
  return { role: person.role, plantId: person.plantId, personId: person.id };
}

export function deviceOf(kind: DeviceKind, plantId: string): ActingDevice {
  return { kind, plantId };
}

export function personName(roster: readonly Pick<Person, 'id' | 'name'>[], id: string): string | null {
  return roster.find((p) => p.id === id)?.name ?? null;
}
