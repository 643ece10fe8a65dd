import { describe, expect, it } from 'vitest';
import { SyncHttpError, errorFromResponse } from './api-client.ts';
import type { TransportResponse } from './transport.ts';

function answer(status: number, body: unknown): TransportResponse {
  return { status, body, header: () => null };
}

describe('api client errors (sync-server/API.md, "Errors")', () => {
  it("[C-L2] keeps the contract's {error, message}; an answer without them is http_<status>", () => {
    const refused = errorFromResponse(answer(409, { error: 'enrollment_code_used', message: 'Used.' }));
    expect([refused.status, refused.code, refused.serverMessage, refused.message]).toEqual([409, 'enrollment_code_used', 'Used.', 'Used.']);
    const bare = errorFromResponse(answer(502, null));
    expect([bare.code, bare.serverMessage, bare.message]).toEqual(['http_502', '', 'http_502']);
  });

  it("[C-L3] only the contract's four 401 codes are a token refusal, keeping the code as the reason; nothing else is", () => {
    for (const code of ['missing_token', 'unknown_token', 'device_revoked', 'token_expired']) {
      const err = errorFromResponse(answer(401, { error: code, message: 'No.' }));
      expect(err.isAuth).toBe(true);
      expect(err.code).toBe(code);
    }
    // A 401 from something in front of the server (a proxy's login, a Wi-Fi portal): the token is not the problem.
    expect(errorFromResponse(answer(401, null)).isAuth).toBe(false);
    expect(errorFromResponse(answer(401, '<html>Please log in to the guest Wi-Fi</html>')).isAuth).toBe(false);
    for (const status of [400, 403, 404, 415, 500]) expect(errorFromResponse(answer(status, { error: 'x', message: 'y' })).isAuth).toBe(false);
    expect(new SyncHttpError(0, 'network', '').isAuth).toBe(false);
  });
});
