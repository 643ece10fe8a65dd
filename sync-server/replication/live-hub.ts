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
import type { CollectionName } from '../../src/domain/collections.ts';
import type { Scope, StoredRecord } from '../store/store.ts';
import { inScope, toWire, type WireDocument } from './wire.ts';

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

/** One event on the stream, as the contract spells it. */
export type StreamEvent =
  | 'RESYNC'
  | { collection: CollectionName; documents: WireDocument[]; checkpoint: { position: number } };

export interface StreamSubscriber {
  scope: Scope;
  send(event: StreamEvent): void;
  /** Close the stream (server shutting down); the device reconnects and hears RESYNC. */
  end(): void;
}

export class LiveHub {
  private readonly subscribers = new Set<StreamSubscriber>();
  private readonly unsubscribe: () => void;

  constructor(private readonly notifier: ChangeNotifier = new InProcessNotifier()) {
    this.unsubscribe = notifier.subscribe((notice) => this.fanOut(notice));
  }

  /** [P10] A new stream first hears RESYNC: the device pulls to catch up on what it missed while disconnected. */
  connect(subscriber: StreamSubscriber): () => void {
    this.subscribers.add(subscriber);
    subscriber.send('RESYNC');
    return () => this.subscribers.delete(subscriber);
  }

  /** Called after a push stored its changes. */
  publish(collection: CollectionName, records: readonly StoredRecord[]): void {
    if (records.length > 0) this.notifier.publish({ collection, records });
  }

  get size(): number {
    return this.subscribers.size;
  }

  close(): void {
    this.unsubscribe();
    for (const sub of [...this.subscribers]) sub.end();
    this.subscribers.clear();
  }

  private fanOut(notice: ChangeNotice): void {
    for (const sub of [...this.subscribers]) {
      const visible = notice.records.filter((r) => inScope(sub.scope, r.plantId));
      const last = visible[visible.length - 1];
      if (!last) continue;
      // A stream that fails to write (socket gone) must not stop the others hearing the change.
      try {
        sub.send({ collection: notice.collection, documents: visible.map(toWire), checkpoint: { position: last.position } });
      } catch {
        this.subscribers.delete(sub);
      }
    }
  }
}
