/**
 * A request refused for a reason the person at the device should read.
 *
 * Auth and replication modules know nothing of HTTP: they throw a Refusal with
 * a kind, and the HTTP layer alone turns the kind into a status code
 * (http/errors.ts). `code` is the contract's snake_case error, `message` the
 * plain words a shift lead understands.
 */
import type { ErrorCode, TokenRefusal } from '../../src/domain/wire/protocol.ts';

export type RefusalKind =
  | 'bad_input'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'too_large'
  | 'too_many';

export class Refusal extends Error {
  override readonly name = 'Refusal';
  constructor(
    readonly kind: RefusalKind,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Refusals by kind, each with one of the contract's codes (src/domain/wire/protocol.ts, ERROR_CODES). */
export const refuse = {
  badInput: (message: string, code: ErrorCode = 'invalid_body') => new Refusal('bad_input', code, message),
  unauthenticated: (code: TokenRefusal, message: string) => new Refusal('unauthenticated', code, message),
  forbidden: (code: ErrorCode, message: string) => new Refusal('forbidden', code, message),
  notFound: (code: ErrorCode, message: string) => new Refusal('not_found', code, message),
  conflict: (code: ErrorCode, message: string) => new Refusal('conflict', code, message),
  gone: (code: ErrorCode, message: string) => new Refusal('gone', code, message),
  tooLarge: (code: ErrorCode, message: string) => new Refusal('too_large', code, message),
  tooMany: (code: ErrorCode, message: string) => new Refusal('too_many', code, message),
};
