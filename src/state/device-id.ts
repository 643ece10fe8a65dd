/**
 * A device id is made once, on first start, and kept for the life of the
 * install. Until enrollment with the server exists, it is a local id in the
 * same time-sortable form as every other record id.
 */
import { newId } from '../domain/records/ids.ts';

export function newDeviceId(nowMs: number, random: () => number): string {
  return newId(nowMs, random);
}
