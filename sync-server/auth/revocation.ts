/** [A4] Removing a device: its token stops working at once, its records stay. */
import type { DeviceAuth, Store } from '../store/store.ts';
import { refuse } from './refusal.ts';

export async function revokeDevice(store: Store, target: DeviceAuth, nowMs: number): Promise<{ deviceId: string; revokedAt: string }> {
  if (target.revokedAt) return { deviceId: target.deviceId, revokedAt: target.revokedAt };
  const revokedAt = new Date(nowMs).toISOString();
  if (!(await store.revokeDevice(target.deviceId, revokedAt))) {
    // Revoked by someone else between our read and our write: report their time.
    const now = await store.getDevice(target.deviceId);
    if (now?.revokedAt) return { deviceId: now.deviceId, revokedAt: now.revokedAt };
    throw refuse.notFound('unknown_device', 'There is no enrolled device with this id.');
  }
  return { deviceId: target.deviceId, revokedAt };
}
