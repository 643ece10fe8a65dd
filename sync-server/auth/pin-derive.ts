/**
 * [T4] The server's PBKDF2 for PINs: node's crypto, run on libuv's thread pool so a
 * 600,000-iteration derivation (about half a second) does not block the event loop. It
 * derives exactly what the PWA's WebCrypto derives (pbkdf2Derive in src/domain/people/pin.ts):
 * PIN and salt as UTF-8, HMAC-SHA-256, 256 bits, as hex.
 */
import { pbkdf2 } from 'node:crypto';
import type { DerivePin } from '../../src/domain/people/pin.ts';

export const nodePbkdf2Derive: DerivePin = (pin, salt, iterations) =>
  new Promise((resolve, reject) => {
    pbkdf2(pin, salt, iterations, 32, 'sha256', (err, key) => (err ? reject(err) : resolve(key.toString('hex'))));
  });
