/**
 * Attempt limits ([E1], [E2]) through @fastify/rate-limit: guessing enrollment
 * codes is limited per address and over the whole server, and the routes
 * anyone may call without a token are limited per address. Routes a device
 * calls with its token are not: a plant's tablets behind one NAT share an
 * address, and a token (256 random bits) is not guessable anyway.
 *
 * The counters live in this process (the plugin's in-memory store): several
 * server processes each keep their own, which multiplies the figures by the
 * number of processes and still leaves 90-bit codes unguessable.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { API_ROUTES } from '../../src/domain/wire/protocol.ts';
import { refuse, Refusal } from '../auth/refusal.ts';

export interface RateLimits {
  /** Failed enrollment attempts one address may make per window before it waits. */
  enrollFailuresPerAddress: number;
  /** Failed enrollment attempts the whole server takes per window, from all addresses together. */
  enrollFailuresOverall: number;
  /** Enrollment attempts of any outcome one address may make per window (bounds bursts sent in parallel). */
  enrollAttemptsPerAddress: number;
  /** Calls per window one address may make to each route that needs no token (health, time, the API document). */
  openRouteCallsPerAddress: number;
  windowMs: number;
}

export const RATE_LIMITS: RateLimits = {
  // A person mistypes a code a few times; ten wrong ones in ten minutes from one address is
  // someone trying codes. Successful enrollments do not count: a plant admin setting up 50
  // tablets from one desk is never held up.
  enrollFailuresPerAddress: 10,
  // Guessers with many addresses: 100 wrong codes in ten minutes across the server is far
  // beyond a plant's typos. It holds enrollment up for everyone for the rest of the window,
  // which is the price of stopping a spread-out search; codes of 90 bits would survive one anyway.
  enrollFailuresOverall: 100,
  // Failures are counted after the answer, so parallel guesses could pass the failure check
  // together: this bounds them. 120 a window lets one desk enroll a whole plant at once.
  enrollAttemptsPerAddress: 120,
  // Monitoring polls the health route every few seconds; 600 in ten minutes is one a second.
  openRouteCallsPerAddress: 600,
  windowMs: 10 * 60 * 1000,
};

/** Routes anyone may call without a token, beside enrollment. */
const OPEN_ROUTES = new Set<string>([API_ROUTES.health, API_ROUTES.time, API_ROUTES.openapi]);

type Limiter = (req: FastifyRequest, options?: { increment: boolean }) => Promise<{ isAllowed?: boolean; isExceeded?: boolean; remaining?: number; ttlInSeconds?: number }>;

/** Checks and counts failed enrollment attempts; the enroll route calls it (auth-routes.ts). */
export interface EnrollGuard {
  /** Throws a 429 Refusal when this address, or the server, has had too many failures of late. */
  check(req: FastifyRequest): Promise<void>;
  /** Counts a failed attempt and logs it with the address (never the code). */
  failed(req: FastifyRequest, err: unknown): Promise<void>;
}

function tooMany(seconds: number, message: string): Refusal {
  return refuse.tooMany('too_many_attempts', message, seconds);
}

function minutes(seconds: number): string {
  const m = Math.max(1, Math.ceil(seconds / 60));
  return m === 1 ? 'a minute' : `${m} minutes`;
}

export async function registerRateLimits(app: FastifyInstance, limits: RateLimits): Promise<EnrollGuard> {
  // Before the plugin's own onRoute hook (hooks run in the order added): the open routes get
  // their limit as route config, which the plugin then reads.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!OPEN_ROUTES.has(route.url) || !methods.includes('GET')) return;
    route.config = { ...(route.config ?? {}), rateLimit: { max: limits.openRouteCallsPerAddress, timeWindow: limits.windowMs } };
  });
  await app.register(rateLimit, {
    global: false,
    // The contract's 429 with Retry-After (the plugin sets the header); errors.ts answers it.
    errorResponseBuilder: (_req, ctx) =>
      refuse.tooMany('too_many_requests', `Too many requests from this address. Try again in ${minutes(Math.ceil(ctx.ttl / 1000))}.`, Math.ceil(ctx.ttl / 1000)),
  });
  const perAddress = app.createRateLimit({ max: limits.enrollFailuresPerAddress, timeWindow: limits.windowMs }) as Limiter;
  const overall = app.createRateLimit({ max: limits.enrollFailuresOverall, timeWindow: limits.windowMs, keyGenerator: () => 'all addresses' }) as Limiter;
  const attempts = app.createRateLimit({ max: limits.enrollAttemptsPerAddress, timeWindow: limits.windowMs, keyGenerator: (req) => `attempts ${req.ip}` }) as Limiter;
  return {
    async check(req) {
      const all = await attempts(req);
      if (all.isExceeded === true) {
        throw tooMany(all.ttlInSeconds ?? 60, `Too many enrollment attempts from this address. Try again in ${minutes(all.ttlInSeconds ?? 60)}.`);
      }
      const mine = await perAddress(req, { increment: false });
      if (mine.remaining === 0) {
        throw tooMany(mine.ttlInSeconds ?? 60, `Too many wrong codes from this address. Wait ${minutes(mine.ttlInSeconds ?? 60)}, then type the code again carefully, or ask your plant admin for a new one.`);
      }
      const everyone = await overall(req, { increment: false });
      if (everyone.remaining === 0) {
        throw tooMany(everyone.ttlInSeconds ?? 60, `The server has had too many wrong codes of late and takes none for ${minutes(everyone.ttlInSeconds ?? 60)}. Try again then.`);
      }
    },
    async failed(req, err) {
      await perAddress(req);
      await overall(req);
      // The address, never the code: a log is read by more people than the codes are meant for.
      req.log.warn({ address: req.ip, refused: err instanceof Refusal ? err.code : 'error' }, 'failed enrollment attempt');
    },
  };
}
