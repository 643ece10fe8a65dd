/**
 * The one retry policy: every wait before trying again after a failure, on the
 * tablets (each collection's RxDB replication, the live stream) and on the server
 * (the PostgreSQL LISTEN connection), comes from here.
 *
 * Exponential backoff with "decorrelated jitter" (Marc Brooker, "Exponential
 * Backoff And Jitter", AWS Architecture Blog, 2015): each wait is drawn at random
 * between the base and three times the previous wait, capped. Why jitter: the plant
 * Wi-Fi drops for every tablet at once; with plain doubling a hundred tablets
 * retry at 5 s, 10 s, 20 s... in lockstep and hit the server together each time it
 * comes back. Drawn waits spread them out after the first failure already. Why
 * decorrelated rather than "full" jitter (a draw between 0 and the doubled wait):
 * every wait stays at least the base, so a tablet never retries at once in a tight
 * loop, and it spreads the herd as well as full jitter in Brooker's measurements.
 *
 * Pure: the random source is passed in (Math.random in the app, a seeded prng from
 * src/domain/records/prng.ts in tests), and the caller owns the timer.
 */

export interface BackoffPolicy {
  /** The shortest wait, and the first one's lower bound (ms). */
  readonly baseMs: number;
  /** No wait is ever longer (ms). */
  readonly capMs: number;
}

export interface Backoff {
  /** The wait before the next try, after one more failure (ms, whole). */
  next(): number;
  /** A try succeeded: the next failure starts from the base again. */
  reset(): void;
}

/** Uniform in [0, 1), like Math.random and Prng.next. */
export type RandomSource = () => number;

/**
 * The tablets' requests: RxDB's own first retry is 5 s (its `retryTime` default), and 2 minutes
 * caps it so a WAN outage of hours costs at most 30 tries per hour per collection; the browser's
 * "online" event skips the wait when the network comes back.
 */
export const DEVICE_RETRY: BackoffPolicy = { baseMs: 5_000, capMs: 120_000 };

/**
 * The server's PostgreSQL LISTEN connection: 250 ms, as a dropped connection on a healthy
 * database (a pooler recycling it, a backend terminated) is back at once and notices sent while
 * it is away are lost; 10 s caps it because fan-out to other processes' streams is down until it
 * is back, and a database failover (PostgreSQL's usual promotion takes seconds) should cost no
 * more than one more wait.
 */
export const LISTEN_RECONNECT: BackoffPolicy = { baseMs: 250, capMs: 10_000 };

/** Each wait is this many times the previous one at most (Brooker's decorrelated jitter). */
const SPREAD = 3;

export function createBackoff(policy: BackoffPolicy, random: RandomSource): Backoff {
  const base = Math.max(0, policy.baseMs);
  const cap = Math.max(base, policy.capMs);
  let previous = base;
  return {
    next() {
      const upper = Math.max(base, previous * SPREAD);
      const wait = Math.min(cap, Math.round(base + random() * (upper - base)));
      previous = wait;
      return wait;
    },
    reset() {
      previous = base;
    },
  };
}

/** The first `count` waits of a fresh backoff: for tests and for reading the policy. */
export function waitsOf(policy: BackoffPolicy, random: RandomSource, count: number): number[] {
  const b = createBackoff(policy, random);
  return Array.from({ length: count }, () => b.next());
}
