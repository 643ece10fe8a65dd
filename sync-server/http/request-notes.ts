/**
 * What a route learned while answering, for the hooks that run after it (metrics, device
 * contact, [O1] and [O4]): the authenticated device and the rows moved. Kept beside the request
 * rather than on it, so no route or hook declares Fastify decorations for each other.
 */
import type { FastifyRequest } from 'fastify';
import type { DeviceAuth } from '../store/store.ts';

const devices = new WeakMap<FastifyRequest, DeviceAuth>();
const rows = new WeakMap<FastifyRequest, number>();

export function noteDevice(req: FastifyRequest, device: DeviceAuth): void {
  devices.set(req, device);
}

/** The device the request authenticated as, if it did. */
export function deviceOf(req: FastifyRequest): DeviceAuth | undefined {
  return devices.get(req);
}

/** Rows a push received or a pull answered. */
export function noteRows(req: FastifyRequest, n: number): void {
  rows.set(req, n);
}

export function rowsOf(req: FastifyRequest): number | undefined {
  return rows.get(req);
}
