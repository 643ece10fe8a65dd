/**
 * One device's own network link to the in-memory fake server (src/sync/testing/fake-server.ts):
 * it can go offline alone (its requests fail, its streams drop, the other devices carry on) and
 * lose the answer to a push the server has already stored, the fault that makes a retry
 * necessary and must make it harmless ([S4], [P12]).
 */
import type { FakeSyncServer } from '../../../src/sync/testing/fake-server.ts';
import type { StreamHandle, StreamHandlers, SyncTransport, TransportRequest, TransportResponse } from '../../../src/sync/transport.ts';

interface LinkStream {
  handlers: StreamHandlers;
  inner: StreamHandle | null;
  closed: boolean;
}

export class DeviceLink implements SyncTransport {
  online = true;
  /** The next push the server answers is stored there, but its answer never reaches the device. */
  loseNextPushAnswer = false;
  private readonly streams = new Set<LinkStream>();

  constructor(
    private readonly server: FakeSyncServer,
    private readonly note: (what: string) => void,
  ) {}

  async request(req: TransportRequest): Promise<TransportResponse> {
    if (!this.online) throw new TypeError('Failed to fetch');
    const res = await this.server.request(req);
    if (this.loseNextPushAnswer && req.method === 'POST' && req.url.endsWith('/push')) {
      this.loseNextPushAnswer = false;
      this.note(`lost the answer to ${new URL(req.url).pathname} (stored on the server)`);
      throw new TypeError('Failed to fetch');
    }
    if (!this.online) throw new TypeError('Failed to fetch'); // went offline while the server answered
    return res;
  }

  openStream(url: string, headers: Record<string, string>, handlers: StreamHandlers): StreamHandle {
    const s: LinkStream = { handlers, inner: null, closed: false };
    if (!this.online) {
      void Promise.resolve().then(() => handlers.onClose(new TypeError('Failed to fetch'), null));
      return { close: () => undefined };
    }
    const end = (): boolean => {
      if (s.closed) return false;
      s.closed = true;
      this.streams.delete(s);
      return true;
    };
    s.inner = this.server.openStream(url, headers, {
      onOpen: (r) => (s.closed ? undefined : handlers.onOpen(r)),
      onMessage: (d) => (s.closed ? undefined : handlers.onMessage(d)),
      onActivity: () => (s.closed ? undefined : handlers.onActivity()),
      onClose: (e, r) => (end() ? handlers.onClose(e, r) : undefined),
    });
    this.streams.add(s);
    return {
      close: () => {
        end();
        s.inner?.close();
      },
    };
  }

  goOffline(): void {
    this.online = false;
    for (const s of [...this.streams]) {
      s.closed = true;
      this.streams.delete(s);
      s.inner?.close();
      s.handlers.onClose(new Error('link down'), null);
    }
  }

  goOnline(): void {
    this.online = true;
  }
}
