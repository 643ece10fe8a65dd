/**
 * Requests to the sync server as the contract (sync-server/API.md) describes them:
 * bearer token, JSON, `{error, message}` bodies on failure. Every answer
 * feeds the clock offset (X-Server-Time) and connectivity; every failure
 * becomes a SyncHttpError the caller can tell apart (auth, refused, down).
 */
import { DATABASE_HEADER, SERVER_TIME_HEADER, TOKEN_REFUSALS, type ApiError } from '../domain/wire/protocol.ts';
import type { Connectivity } from './connectivity.ts';
import { offsetSample } from './clock-offset.ts';
import type { SyncTransport, TransportResponse } from './transport.ts';

/** The server's 401 codes (sync-server/API.md): each means this device's token no longer works. */
const TOKEN_REFUSAL_SET: ReadonlySet<string> = new Set(TOKEN_REFUSALS);

export class SyncHttpError extends Error {
  constructor(
    /** HTTP status; 0 when the server was not reached at all. */
    readonly status: number,
    /** The contract's snake_code, or 'network' / 'http_<status>'. */
    readonly code: string,
    /** The server's plain words, or ''. */
    readonly serverMessage: string,
  ) {
    super(serverMessage || code);
    this.name = 'SyncHttpError';
  }

  /**
   * The server refused the device's token: stop syncing and forget it. Only
   * the contract's four token refusals count (sync-server/API.md, "Token,
   * revocation and expiry"): a 401 without one of them came from something in
   * front of the server (a proxy's login, a hotel-style Wi-Fi portal), and
   * forgetting the token over it would make a plant admin enroll the tablet
   * again for nothing. Such an answer is a failed request, tried again later.
   */
  get isAuth(): boolean {
    return this.status === 401 && TOKEN_REFUSAL_SET.has(this.code);
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }
}

export interface ApiHooks {
  /** Device clock, ms (passed in so tests fix time). */
  now(): number;
  connectivity: Connectivity;
  /** Called with each clock-offset sample. */
  onClockSample(sampleMs: number): void;
  /** Called on every answered request that succeeded (2xx). */
  onSuccess(atMs: number): void;
  /** Headers the device reports with every request: its app version and waiting entries ([O4]). */
  reportHeaders?(): Record<string, string>;
  /** Each answer's database name (X-Tierboard-Database, [O6]), null when it names none. */
  onDatabase?(databaseId: string | null): void;
}

export interface ApiClient {
  readonly serverUrl: string;
  get<T>(path: string, token: string | null): Promise<T>;
  /** `headers`: extra request headers, e.g. the acting person (X-Tierboard-Person) on pushes. */
  post<T>(path: string, body: unknown, token: string | null, headers?: Record<string, string>): Promise<T>;
  /** Absolute URL for a path under the server. */
  url(path: string): string;
  /** Feeds a response that did not go through get/post (the stream) to clock and connectivity. */
  observe(sendMs: number, response: TransportResponse): void;
}

export function normaliseServerUrl(serverUrl: string): string {
  return serverUrl.trim().replace(/\/+$/, '');
}

export function errorFromResponse(res: TransportResponse): SyncHttpError {
  const body = res.body as Partial<Record<keyof ApiError, unknown>> | null;
  const code = body && typeof body.error === 'string' ? body.error : `http_${res.status}`;
  const message = body && typeof body.message === 'string' ? body.message : '';
  return new SyncHttpError(res.status, code, message);
}

export function createApiClient(serverUrl: string, transport: SyncTransport, hooks: ApiHooks): ApiClient {
  const base = normaliseServerUrl(serverUrl);
  const url = (path: string) => `${base}${path}`;

  function observe(sendMs: number, res: TransportResponse): void {
    const receiveMs = hooks.now();
    hooks.connectivity.reportRequest(true);
    const sample = offsetSample(sendMs, receiveMs, res.header(SERVER_TIME_HEADER));
    if (sample !== null) hooks.onClockSample(sample);
    hooks.onDatabase?.(res.header(DATABASE_HEADER));
    if (res.status >= 200 && res.status < 300) hooks.onSuccess(receiveMs);
  }

  async function call<T>(method: 'GET' | 'POST', path: string, body: unknown, token: string | null, extra: Record<string, string> = {}): Promise<T> {
    const headers: Record<string, string> = { ...hooks.reportHeaders?.(), ...extra };
    if (token) headers['authorization'] = `Bearer ${token}`;
    const sendMs = hooks.now();
    let res: TransportResponse;
    try {
      res = await hook(method, path, body, headers);
    } catch (err) {
      hooks.connectivity.reportRequest(false);
      throw new SyncHttpError(0, 'network', err instanceof Error ? err.message : '');
    }
    observe(sendMs, res);
    if (res.status < 200 || res.status >= 300) throw errorFromResponse(res);
    return res.body as T;
  }

  function hook(method: 'GET' | 'POST', path: string, body: unknown, headers: Record<string, string>) {
    return transport.request(method === 'POST' ? { method, url: url(path), headers, body } : { method, url: url(path), headers });
  }

  return {
    serverUrl: base,
    get: (path, token) => call('GET', path, undefined, token),
    post: (path, body, token, headers) => call('POST', path, body, token, headers),
    url,
    observe,
  };
}
