/**
 * [R3] What a device is sent of a collection: its scope ([P1]) cut to its kind's retention
 * window ([R1], src/domain/records/retention.ts) for the collections that pile up with every
 * shift. Applied to every pull, so a new tablet's first sync and a tablet's catch-up after
 * weeks away both skip what the device would purge at once ([C-D1]).
 */
import type { CollectionName } from '../../src/domain/records/collections.ts';
import { retentionCutoff } from '../../src/domain/records/retention.ts';
import type { DeviceAuth, Scope } from '../store/store.ts';
import { roleOf, scopeOf } from './device-scope.ts';

export function pullScope(device: DeviceAuth, collection: CollectionName, nowMs: number): Scope {
  const scope = scopeOf(device);
  // A plant server replicating up keeps everything: it is the history devices are cut from.
  if (roleOf(device) === 'enterprise') return scope;
  const from = retentionCutoff(device.kind, collection, new Date(nowMs));
  return from === null ? scope : { ...scope, productionDateFrom: from };
}
