/**
 * The live stream's fan-out: every stored change batch goes to every open
 * stream whose scope covers it ([P9]).
 *
 * Changes travel through a ChangeNotifier. The in-process one is enough for a
 * single server; with several server processes behind a load balancer on
 * PostgreSQL, a notifier built on LISTEN/NOTIFY publishes a small notice and
 * each process re-reads the change feed, so every stream sees every change
 * whichever process stored it.
 */
import type { CollectionName } from '../../src/domain/records/collections.ts';
import { RESYNC } from '../../src/domain/wire/protocol.ts';
import type { Scope, StoredRecord } from '../store/store.ts';
import { shownJson, type PinView } from './people-secrets.ts';
import { inScope, wireText } from './wire.ts';

export interface ChangeNotice {
  collection: CollectionName;
  /** Stored changes in feed order. */
  records: readonly StoredRecord[];
}

export interface ChangeNotifier {
  publish(notice: ChangeNotice): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: (notice: ChangeNotice) => void): () => void;
}

export class InProcessNotifier implements ChangeNotifier {
  private readonly listeners = new Set<(notice: ChangeNotice) => void>();

  publish(notice: ChangeNotice): void {
    for (const l of [...this.listeners]) l(notice);
  }

  subscribe(listener: (notice: ChangeNotice) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/**
 * Events go to subscribers as JSON text (a StreamEvent of src/domain/wire/protocol.ts), the
 * `data:` line of a Server-Sent Event; this is the first one every stream hears ([P10]).
 */
export const RESYNC_EVENT = JSON.stringify(RESYNC);

export interface StreamSubscriber {
  scope: Scope;
  /** [T3] Which PIN hashes the device is given ('none' when absent: a stream never hands out more than asked). */
  pins?: PinView;
  /** The device listening: a revoked device's streams are ended ([A4]). */
  deviceId: string;
  /** `eventJson`: one StreamEvent as JSON text; the same string goes to every stream of a scope. */
  send(eventJson: string): void;
  /** Close the stream (server shutting down); the device reconnects and hears RESYNC. */
  end(): void;
}

/** Streams that see the same records: one event text per batch serves them all. */
interface ScopeGroup {
  scope: Scope;
  pins: PinView;
  subscribers: Set<StreamSubscriber>;
}

export class LiveHub {
  /**
   * Grouped by scope because the event text is built once per batch and
   * scope: in a reconnect storm (100 tablets of one plant) building it per
   * stream was nearly a quarter of the server's CPU.
   */
  private readonly groups = new Map<string, ScopeGroup>();
  /** Open streams per device, for the cap on them ([E6]). */
  private readonly perDevice = new Map<string, number>();
  private readonly unsubscribe: () => void;

  constructor(private readonly notifier: ChangeNotifier = new InProcessNotifier()) {
    this.unsubscribe = notifier.subscribe((notice) => this.fanOut(notice));
  }

  /** [P10] A new stream first hears RESYNC: the device pulls to catch up on what it missed while disconnected. */
  connect(subscriber: StreamSubscriber): () => void {
    const pins = subscriber.pins ?? 'none';
    const key = `${scopeKey(subscriber.scope)}|${pins}`;
    let group = this.groups.get(key);
    if (!group) {
      group = { scope: subscriber.scope, pins, subscribers: new Set() };
      this.groups.set(key, group);
    }
    group.subscribers.add(subscriber);
    this.perDevice.set(subscriber.deviceId, this.streamsOf(subscriber.deviceId) + 1);
    subscriber.send(RESYNC_EVENT);
    return () => this.remove(key, subscriber);
  }

  /** Called after a push stored its changes. */
  publish(collection: CollectionName, records: readonly StoredRecord[]): void {
    if (records.length > 0) this.notifier.publish({ collection, records });
  }

  /** [A4] Ends every stream of a device (it was revoked): it reconnects and hears why. */
  endDevice(deviceId: string): void {
    for (const [key, g] of [...this.groups]) {
      for (const sub of [...g.subscribers]) {
        if (sub.deviceId !== deviceId) continue;
        this.remove(key, sub);
        sub.end();
      }
    }
  }

  /** [E6] How many streams the device has open on this process. */
  streamsOf(deviceId: string): number {
    return this.perDevice.get(deviceId) ?? 0;
  }

  get size(): number {
    let n = 0;
    for (const g of this.groups.values()) n += g.subscribers.size;
    return n;
  }

  close(): void {
    this.unsubscribe();
    for (const g of [...this.groups.values()]) for (const sub of [...g.subscribers]) sub.end();
    this.groups.clear();
    this.perDevice.clear();
  }

  private remove(key: string, subscriber: StreamSubscriber): void {
    const group = this.groups.get(key);
    if (!group || !group.subscribers.delete(subscriber)) return;
    const left = this.streamsOf(subscriber.deviceId) - 1;
    if (left > 0) this.perDevice.set(subscriber.deviceId, left);
    else this.perDevice.delete(subscriber.deviceId);
    if (group.subscribers.size === 0) this.groups.delete(key);
  }

  private fanOut(notice: ChangeNotice): void {
    // Each record's wire text is made once per batch, whatever the number of scopes that see it.
    const texts = new Map<string, string>();
    const textOf = (r: StoredRecord, pins: PinView): string => {
      // [T3] People records differ by the PIN hashes each device kind is given; others are one text.
      const key = notice.collection === 'people' ? `${pins}|${r.position}|${r.id}` : `${r.position}|${r.id}`;
      let t = texts.get(key);
      if (t === undefined) {
        t = wireText(shownJson(notice.collection, pins, JSON.stringify(r.data)), r.deleted);
        texts.set(key, t);
      }
      return t;
    };
    for (const [key, group] of [...this.groups]) {
      const visible = notice.records.filter((r) => inScope(group.scope, r.plantId));
      const last = visible[visible.length - 1];
      if (!last) continue;
      // Key order as JSON.stringify of a StreamEvent gives it: collection, documents, checkpoint.
      const event = `{"collection":${JSON.stringify(notice.collection)},"documents":[${visible.map((r) => textOf(r, group.pins)).join(',')}],"checkpoint":{"position":${last.position}}}`;
      for (const sub of [...group.subscribers]) {
        // A stream that fails to write (socket gone) must not stop the others hearing the change.
        try {
          sub.send(event);
        } catch {
          this.remove(key, sub);
        }
      }
    }
  }
}

function scopeKey(scope: Scope): string {
  return scope.plantIds === 'all' ? '*' : JSON.stringify([...scope.plantIds].sort());
}
