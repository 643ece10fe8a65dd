/**
 * [W5] API answers compressed where it pays: a page of 1,000 readings is about 434 kB of JSON
 * and 15 kB gzipped, which on a plant's Wi-Fi is the difference between a first sync that
 * crawls and one that does not. Small answers (most pushes, health) go as they are: below
 * the threshold the bytes saved do not pay for the work.
 *
 * The app's own files are compressed once at build time (vite.config.ts) and served as they
 * are by static-app.ts (`preCompressed`); an answer that already carries a Content-Encoding is
 * left alone here. The live stream is never compressed: it is written past Fastify (hijacked,
 * so this hook never sees it) and `text/event-stream` is outside the compressible types
 * anyway; a compressor would hold events back until its buffer fills ([W6]).
 *
 * Must be registered before the routes: the plugin attaches itself to each route as it is added.
 */
import type { FastifyInstance } from 'fastify';
import compress from '@fastify/compress';

/** Below this many bytes an answer goes uncompressed. */
export const COMPRESS_THRESHOLD_BYTES = 1024;

export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    threshold: COMPRESS_THRESHOLD_BYTES,
    // Answers only: devices send plain JSON, and a compressed request body would be a way
    // around the body limit's intent (a small upload that inflates to a large one).
    globalDecompression: false,
    encodings: ['br', 'gzip'],
  });
}
