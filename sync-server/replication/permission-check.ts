// placeholder until src/domain/permissions.ts exists
import type { Person } from '../../src/domain/types.ts';
import type { DeviceAuth } from '../store/store.ts';
export function mayActFor(person: Person, _action: string, target: { plantId: string }, _device: DeviceAuth): string | null {
  if (person.plantId !== target.plantId && !person.role.startsWith('enterprise_')) return `${person.name} does not work at plant ${target.plantId}.`;
  if (!['plant_admin', 'enterprise_admin'].includes(person.role)) return `${person.name} (${person.role}) may not enroll devices.`;
  return null;
}
