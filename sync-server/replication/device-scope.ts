/**
 * What a calling device may read and write ([P1], [P2]).
 */
import type { DeviceAuth, Scope } from '../store/store.ts';

/**
 * `plant`: a tablet, wall screen or desktop of one plant.
 * `enterprise`: a plant server replicating its plant up to the enterprise
 * server (the later "plant server replicates up" issue), which reads
 * everything it is given and writes on behalf of people already authorised
 * at the plant.
 */
export type DeviceRole = 'plant' | 'enterprise';

/**
 * HOOK for the "plant server replicates up" issue: every enrolled device is
 * a plant device today. An upstream plant-server token will be recognised
 * here (e.g. a device kind `plant_server` in the store) and given the
 * `enterprise` role; nothing else in replication needs to change.
 */
export function upstreamRoleOf(_device: DeviceAuth): DeviceRole | null {
  return null;
}

export function roleOf(device: DeviceAuth): DeviceRole {
  return upstreamRoleOf(device) ?? 'plant';
}

export function scopeOf(device: DeviceAuth): Scope {
  return roleOf(device) === 'enterprise' ? { plantIds: 'all' } : { plantIds: [device.plantId] };
}
