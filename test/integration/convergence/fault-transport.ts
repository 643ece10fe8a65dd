/**
 * A SyncTransport that fails the way a plant's network does, decided by a
 * seeded generator: the device goes offline (nothing gets through), a request
 * is dropped before it leaves (the server never saw it), or the request
 * reaches the server and the response is lost on the way back (the server
 * committed; the device sees the same network error and must retry, and the
 * retry must be harmless). It can also kill the server around one request.
 *
 * Every fault is written to the operation log, so a failing seed prints what
 * the network did to whom.
 */
import type { Prng } from '../../../src/domain/records/prng.ts';
import type { StreamHandle, StreamHandlers, SyncTransport, TransportRequest, TransportResponse } from '../../../src/sync/transport.ts';
import type { OpLog } from './op-log.ts';

export interface FaultRates {
  /** Chance a request is dropped before it is sent. */
  dropBefore: number;
  /** Chance the response of a request the server handled is lost. */
  dropAfter: number;
}

/** What to do to the server around the next request (set by the schedule). */
export type ServerAmbush = 'kill_in_flight' | 'kill_after_commit';

/** The error fetch gives when the network is gone; the client turns it into status 0 "network". */
function networkError(why: string): TypeError {
  return new TypeError(`Failed to fetch (${why})`);
}

function describe(req: TransportRequest): string {
  const url = new URL(req.url);
  const path = url.pathname + url.search;
  const rows = (req.body as { rows?: unknown[] } | undefined)?.rows;
  return `${req.method} ${path}${rows ? ` (${rows.length} rows)` : ''}`;
}

/** Ids and checkpoint of a pull answer or stream event, short enough for the log. */
function summarise(body: unknown): string {
  if (body === 'RESYNC') return 'RESYNC';
  const b = body as { collection?: string; documents?: { id?: unknown }[]; checkpoint?: { position?: number } | null } | null;
  if (!b || !Array.isArray(b.documents)) return '';
  const ids = b.documents.map((d) => String(d.id)).join(' ');
  return ` ${b.collection ?? ''} [${ids}] checkpoint ${b.checkpoint?.position ?? 'null'}`;
}

export class FaultTransport implements SyncTransport {
  offline = false;
  /** Off once the schedule ends: the final sync runs on a clean network. */
  faultsOn = true;
  private ambush: { kind: ServerAmbush; kill: () => Promise<void> } | null = null;
  private readonly streams = new Set<{ handle: StreamHandle; handlers: StreamHandlers }>();
  /** Log every answered pull and every stream event too (for the real clients, whose requests no schedule drives). */
  trace = false;

  constructor(
    private readonly base: SyncTransport,
    private readonly rng: Prng,
    private readonly rates: FaultRates,
    private readonly log: OpLog,
    private readonly who: string,
  ) {}

  setOffline(offline: boolean): void {
    this.offline = offline;
    if (!offline) return;
    // A dead link ends open streams too, as a dropped Wi-Fi association would.
    const open = [...this.streams];
    this.streams.clear();
    for (const s of open) {
      s.handle.close();
      s.handlers.onClose(networkError('went offline'), null);
    }
  }

  /** The next request this device sends kills the server (while in flight, or right after it committed). */
  armAmbush(kind: ServerAmbush, kill: () => Promise<void>): void {
    this.ambush = { kind, kill };
  }

  async request(req: TransportRequest): Promise<TransportResponse> {
    const what = describe(req);
    if (this.offline) throw networkError('offline');
    if (this.faultsOn && this.rng.chance(this.rates.dropBefore)) {
      this.log.add(this.who, `dropped before sending: ${what}`);
      throw networkError('dropped before sending');
    }
    const ambush = this.faultsOn ? this.ambush : null;
    this.ambush = null;
    if (ambush?.kind === 'kill_in_flight') {
      const pending = this.base.request(req);
      // Handled below; without this, a failure during the kill counts as an unhandled rejection.
      pending.catch(() => undefined);
      // Whether the server commits before it dies is the race this ambush is for.
      await ambush.kill();
      this.log.add(this.who, `server SIGKILLed while in flight: ${what}`);
      return pending;
    }
    let res: TransportResponse;
    try {
      res = await this.base.request(req);
    } catch (err) {
      this.log.add(this.who, `network error (server down?): ${what}`);
      throw err;
    }
    if (ambush?.kind === 'kill_after_commit') {
      await ambush.kill();
      this.log.add(this.who, `server SIGKILLed after answering, answer lost: ${what} -> ${res.status}`);
      throw networkError('server died');
    }
    if (this.faultsOn && this.rng.chance(this.rates.dropAfter)) {
      this.log.add(this.who, `response lost after the server answered ${res.status}: ${what}`);
      throw networkError('response lost');
    }
    if (res.status >= 500) this.log.add(this.who, `server error ${res.status}: ${what} ${JSON.stringify(res.body)}`);
    if (this.trace) this.log.add(this.who, `answered ${res.status}: ${what}${summarise(res.body)}`);
    return res;
  }

  openStream(url: string, headers: Record<string, string>, handlers: StreamHandlers): StreamHandle {
    if (this.offline) {
      let closed = false;
      void Promise.resolve().then(() => {
        if (!closed) handlers.onClose(networkError('offline'), null);
      });
      return { close: () => void (closed = true) };
    }
    const entry = {
      handlers,
      handle: this.base.openStream(url, headers, {
        onOpen: (res) => {
          if (this.trace) this.log.add(this.who, 'stream open');
          handlers.onOpen(res);
        },
        onMessage: (data) => {
          if (this.trace) this.log.add(this.who, `stream event ${summarise(JSON.parse(data) as unknown)}`);
          handlers.onMessage(data);
        },
        onActivity: () => handlers.onActivity(),
        onClose: (err, res) => {
          if (!this.streams.delete(entry)) return;
          if (this.trace) this.log.add(this.who, `stream closed: ${(err as Error | null)?.message ?? ''}`);
          handlers.onClose(err, res);
        },
      }),
    };
    this.streams.add(entry);
    return {
      close: () => {
        this.streams.delete(entry);
        entry.handle.close();
      },
    };
  }
}
