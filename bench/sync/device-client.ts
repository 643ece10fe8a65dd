/**
 * A protocol-level device (sync-server/API.md): push, checkpointed pull and the live
 * stream over real fetch with its bearer token. No RxDB: the benchmark
 * measures the server, so the client does as little as the protocol allows.
 */
import { Agent, request } from 'node:http';
import { DEVICE_RETRY } from '../../src/domain/retry/backoff.ts';
import { HEALTHY_STREAM_MS } from '../../src/sync/live-stream.ts';
import { TAKES_STAMPS } from '../../src/sync/replication.ts';
import type { EnrolledDevice } from './tierboard-server.ts';

/**
 * The app's shortest wait before reconnecting a failed stream (DEVICE_RETRY in
 * src/domain/retry/backoff.ts; the app draws its first wait between it and three times it). The
 * simulated devices keep the shortest, so a storm here is never gentler than the floor's.
 */
const RECONNECT_MS = DEVICE_RETRY.baseMs;

/** One request this slow means the server is stuck (a storm legitimately queues requests for tens of seconds): fail rather than hang. */
const REQUEST_TIMEOUT_MS = 180_000;

export interface PushAnswer {
  conflicts: unknown[];
  rejected: { id: string; error: string; message: string }[];
}

export interface PulledIds {
  ids: string[];
  checkpoint: number;
}

export interface StreamEvent {
  collection: string;
  /** Ids of the documents in the event. */
  ids: string[];
}

/**
 * Ids of the documents in an answer, picked out of the text rather than
 * parsed: a hundred simulated devices share one core with the server, and
 * parsing every document on that core would measure the simulator, not the
 * server (a real tablet parses on its own CPU). Safe for our readings: flat
 * records, so `{"id":` or `,"id":` only ever starts a document's own id.
 */
const DOC_ID = /[{,]"id":"([^"\\]*)"/g;
export function idsIn(text: string): string[] {
  return Array.from(text.matchAll(DOC_ID), (m) => m[1] as string);
}
const CHECKPOINT = /"checkpoint":\{"position":(\d+)\}/;
/** How a push answer with no refused row ends (the server writes `rejected` last), as bytes: checked without decoding the answer. */
const NOTHING_REJECTED = Buffer.from('"rejected":[]}');

/**
 * Pushes and pulls go over node:http with one keep-alive agent, as a browser keeps its
 * connection to the server open. Not fetch: Node's fetch (undici with web streams) cost
 * about 0.8 ms of CPU per push on the simulator's side, measured, which on this 2-core
 * machine is CPU taken from the server under test; a tablet's browser pays for its own
 * requests on its own CPU. The stream stays on fetch (one long request per device).
 */
const agent = new Agent({ keepAlive: true });

interface Answer {
  status: number;
  /** The body as it came, in chunks. */
  chunks: Buffer[];
}

const textOf = (a: Answer): string => Buffer.concat(a.chunks).toString('utf8');

function endsWith(chunks: readonly Buffer[], suffix: Buffer): boolean {
  const last = chunks.at(-1);
  if (last && last.length >= suffix.length) return last.subarray(last.length - suffix.length).equals(suffix);
  const all = Buffer.concat(chunks);
  return all.length >= suffix.length && all.subarray(all.length - suffix.length).equals(suffix);
}

function send(url: string, method: 'GET' | 'POST', headers: Record<string, string>, body?: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, chunks }));
      res.on('error', reject);
    });
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`${method} ${url}: no answer in ${REQUEST_TIMEOUT_MS / 1000} s`)));
    req.on('error', reject);
    req.end(body);
  });
}
const COLLECTION = /^\{"collection":"([^"]*)"/;

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

  /**
   * Push one pre-serialised body (JSON already encoded: a tablet pays for its own JSON). A refused
   * row is a benchmark error (every row is new and valid). Conflicts are not: the server answers
   * with its master copy of records it stamped ([P12]: `receivedAt`), which the device adopts. The
   * answer is checked, not parsed, on the simulator's shared core (as idsIn does for pulls): it
   * must end with an empty `rejected` list. Every pushed reading is counted in the store after the
   * run (sync-bench.ts).
   */
  async push(collection: string, body: Buffer): Promise<void> {
    const res = await send(`${this.url}/api/replication/${collection}/push`, 'POST', {
      authorization: this.auth,
      'content-type': 'application/json',
      'content-length': String(body.length),
      // As the app's client asks ([P12]): stamps, not the stamped records again.
      ...TAKES_STAMPS,
    }, body);
    if (res.status !== 200) throw new Error(`push: HTTP ${res.status} ${textOf(res).slice(0, 300)}`);
    if (!endsWith(res.chunks, NOTHING_REJECTED)) {
      const answer = JSON.parse(textOf(res)) as PushAnswer;
      throw new Error(`push: ${answer.rejected.length} rejected: ${JSON.stringify(answer.rejected[0])}`);
    }
  }

  async pull(collection: string, checkpoint: number, limit: number): Promise<PulledIds> {
    const res = await send(`${this.url}/api/replication/${collection}/pull?checkpoint=${checkpoint}&limit=${limit}`, 'GET', {
      authorization: this.auth,
    });
    const text = textOf(res);
    if (res.status !== 200) throw new Error(`pull: HTTP ${res.status} ${text.slice(0, 300)}`);
    const position = CHECKPOINT.exec(text)?.[1];
    if (position === undefined) throw new Error(`pull: no checkpoint in ${text.slice(0, 300)}`);
    return { ids: idsIn(text), checkpoint: Number(position) };
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
    // Reconnects when the server ends the stream (a device too far behind, [P9]), as the app's live
    // stream does (src/sync/live-stream.ts): at once after a stream that was open a while, else after
    // the first backoff delay. The new connection's RESYNC makes the device pull.
    const run = async (): Promise<void> => {
      while (!abort.signal.aborted) {
        const opened = performance.now();
        await listen();
        if (performance.now() - opened < HEALTHY_STREAM_MS) await new Promise((r) => setTimeout(r, RECONNECT_MS));
      }
    };
    const listen = async (): Promise<void> => {
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
          if (data === '"RESYNC"') {
            markReady();
            onResync();
            continue;
          }
          const collection = COLLECTION.exec(data)?.[1];
          if (collection === undefined) throw new Error(`stream: unexpected event ${data.slice(0, 200)}`);
          onEvent({ collection, ids: idsIn(data) });
        }
      }
    };
    run().catch((err: unknown) => {
      if (!abort.signal.aborted) fail(err);
    });
    return { ready, close: () => abort.abort() };
  }
}
