/**
 * A protocol-level device (SYNC-API.md): push, checkpointed pull and the live
 * stream over real fetch with its bearer token. No RxDB: the benchmark
 * measures the server, so the client does as little as the protocol allows.
 */
import type { EnrolledDevice } from './tierboard-server.ts';

/** One request that takes this long means the server is stuck; the bench fails rather than hanging. */
const REQUEST_TIMEOUT_MS = 60_000;

export interface PushAnswer {
  conflicts: unknown[];
  rejected: { id: string; error: string; message: string }[];
}

export interface PullAnswer {
  documents: { id: string }[];
  checkpoint: { position: number } | null;
}

export interface StreamEvent {
  collection: string;
  documents: { id: string }[];
  checkpoint: { position: number };
}

export interface OpenStream {
  /** Resolves when the server's first event (RESYNC) has arrived. */
  ready: Promise<void>;
  close(): void;
}

export class DeviceClient {
  private readonly auth: string;

  constructor(
    private readonly url: string,
    readonly device: EnrolledDevice,
  ) {
    this.auth = `Bearer ${device.token}`;
  }

  /** Push one pre-serialised body; any refused or conflicting row is a benchmark error (all rows are new and valid). */
  async push(collection: string, body: string): Promise<void> {
    const res = await fetch(`${this.url}/api/replication/${collection}/push`, {
      method: 'POST',
      headers: { authorization: this.auth, 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`push: HTTP ${res.status} ${text.slice(0, 300)}`);
    const answer = JSON.parse(text) as PushAnswer;
    if (answer.rejected.length > 0 || answer.conflicts.length > 0) {
      throw new Error(`push: ${answer.rejected.length} rejected, ${answer.conflicts.length} conflicts: ${JSON.stringify(answer.rejected[0])}`);
    }
  }

  async pull(collection: string, checkpoint: number, limit: number): Promise<PullAnswer> {
    const res = await fetch(`${this.url}/api/replication/${collection}/pull?checkpoint=${checkpoint}&limit=${limit}`, {
      headers: { authorization: this.auth },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (res.status !== 200) throw new Error(`pull: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
    return (await res.json()) as PullAnswer;
  }

  /** GET /api/replication/stream as Server-Sent Events over fetch (EventSource cannot send the Authorization header). */
  stream(onEvent: (event: StreamEvent) => void, onResync: () => void = () => undefined): OpenStream {
    const abort = new AbortController();
    let markReady: () => void = () => undefined;
    let fail: (err: unknown) => void = () => undefined;
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      fail = reject;
    });
    const run = async (): Promise<void> => {
      const res = await fetch(`${this.url}/api/replication/stream`, {
        headers: { authorization: this.auth, accept: 'text/event-stream' },
        signal: abort.signal,
      });
      if (res.status !== 200 || !res.body) throw new Error(`stream: HTTP ${res.status}`);
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data:'))
            .map((l) => l.slice(5).trimStart())
            .join('\n');
          if (data === '') continue; // `: ping`
          const event = JSON.parse(data) as StreamEvent | 'RESYNC';
          if (event === 'RESYNC') {
            markReady();
            onResync();
          } else {
            onEvent(event);
          }
        }
      }
    };
    run().catch((err: unknown) => {
      if (!abort.signal.aborted) fail(err);
    });
    return { ready, close: () => abort.abort() };
  }
}
