/**
 * The sync client's only door to the network. Everything above this file
 * speaks in requests and server-sent events; tests swap in an in-memory
 * server (src/sync/testing/fake-server.ts) so they decide what the network
 * does and when (conventions.md: the network is passed in).
 *
 * The live stream is read over `fetch` rather than the browser's
 * EventSource: EventSource cannot send an `Authorization` header, and the
 * contract (sync-server/API.md, "Conventions") wants the device token on
 * every request, and EventSource hides the server's heartbeat comments,
 * which is how a silently dead stream is noticed (live-stream.ts). A
 * fetch-based SSE reader also runs unchanged in Node 20, which has fetch but
 * no EventSource.
 */

export interface TransportRequest {
  method: 'GET' | 'POST';
  /** Absolute URL. */
  url: string;
  headers: Record<string, string>;
  /** JSON-serialisable body for POST. */
  body?: unknown;
}

export interface TransportResponse {
  status: number;
  /** Lower-case header name -> value. */
  header(name: string): string | null;
  /** Parsed JSON body, or null when the body is empty or not JSON. */
  body: unknown;
}

export interface StreamHandlers {
  /** The server accepted the stream (2xx); carries the response for clock and auth checks. */
  onOpen(response: TransportResponse): void;
  /** One `data:` payload, already joined across lines, not yet parsed. */
  onMessage(data: string): void;
  /** Bytes arrived on the open stream: an event or the server's `: ping` heartbeat. */
  onActivity(): void;
  /** The stream ended or failed; `response` is set when the server refused it (non-2xx). */
  onClose(error: unknown, response: TransportResponse | null): void;
}

export interface StreamHandle {
  close(): void;
}

export interface SyncTransport {
  request(req: TransportRequest): Promise<TransportResponse>;
  openStream(url: string, headers: Record<string, string>, handlers: StreamHandlers): StreamHandle;
}

// ---------------------------------------------------------------- SSE parsing

/**
 * Incremental Server-Sent Events parser (the subset the contract uses:
 * `data:` lines, comments, blank-line dispatch). Feed it text chunks as
 * they arrive; it calls `onData` once per complete event.
 */
export function createSseParser(onData: (data: string) => void): (chunk: string) => void {
  let buffer = '';
  let dataLines: string[] = [];
  return (chunk) => {
    buffer += chunk;
    for (;;) {
      const nl = buffer.search(/\r\n|\r|\n/);
      if (nl < 0) break;
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + (buffer.startsWith('\r\n', nl) ? 2 : 1));
      if (line === '') {
        if (dataLines.length > 0) onData(dataLines.join('\n'));
        dataLines = [];
      } else if (line.startsWith(':')) {
        // heartbeat comment (`: ping`): keeps proxies from closing the stream
      } else if (line.startsWith('data:')) {
        dataLines.push(line.slice(5).replace(/^ /, ''));
      }
    }
  };
}

// ---------------------------------------------------------------- real transport

type FetchLike = (input: string, init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal }) => Promise<Response>;

function wrapResponse(res: Response, body: unknown): TransportResponse {
  return { status: res.status, header: (name) => res.headers.get(name), body };
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** The browser's (and Node 20's) fetch, passed in so tests and other runtimes can replace it. */
export function fetchTransport(fetchFn: FetchLike = (input, init) => fetch(input, init)): SyncTransport {
  return {
    async request(req) {
      const headers = { ...req.headers };
      let body: string | undefined;
      if (req.body !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(req.body);
      }
      const res = await fetchFn(req.url, { method: req.method, headers, body });
      return wrapResponse(res, await readJson(res));
    },

    openStream(url, headers, handlers) {
      const abort = new AbortController();
      let closedByUs = false;
      void (async () => {
        let res: Response;
        try {
          res = await fetchFn(url, { method: 'GET', headers: { ...headers, accept: 'text/event-stream' }, signal: abort.signal });
        } catch (err) {
          if (!closedByUs) handlers.onClose(err, null);
          return;
        }
        if (res.status < 200 || res.status >= 300 || !res.body) {
          const refused = wrapResponse(res, await readJson(res).catch(() => null));
          if (!closedByUs) handlers.onClose(new Error(`stream refused: HTTP ${res.status}`), refused);
          return;
        }
        handlers.onOpen(wrapResponse(res, null));
        const parse = createSseParser((data) => {
          if (!closedByUs) handlers.onMessage(data);
        });
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        try {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            if (!closedByUs) handlers.onActivity();
            parse(decoder.decode(value, { stream: true }));
          }
          if (!closedByUs) handlers.onClose(new Error('stream ended'), null);
        } catch (err) {
          if (!closedByUs) handlers.onClose(err, null);
        }
      })();
      return {
        close() {
          closedByUs = true;
          abort.abort();
        },
      };
    },
  };
}
