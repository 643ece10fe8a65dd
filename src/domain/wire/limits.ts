/**
 * The wire contract's limits (sync-server/API.md, "Limits"), one figure each, for the device
 * and the server alike: the server refuses what passes them, the device sizes its batches by them.
 */
import { PHOTO_MAX } from '../records/json-schema.ts';

/**
 * 4 MB on one message either way: a request body (the server's Fastify bodyLimit) and a pull
 * answer ([P3]: what a device can send, it can receive). A push of 500 readings is about
 * 250 kB, so the figure is set by the photos: eight escalations of up to PHOTO_MAX each fit.
 */
export const BODY_LIMIT_BYTES = 4 * 1024 * 1024;

/**
 * [E8] A request body outside replication nests at most 64 arrays and objects deep: those bodies
 * are small flat objects, and a value nested thousands deep breaks any recursive walk over it.
 * Pushed rows are limited per field instead and refused one by one (value-limits.ts, [P5]).
 */
export const BODY_DEPTH_MAX = 64;

/** At most 500 rows per push: RxDB's default push batch is far smaller; 500 bounds one transaction. */
export const PUSH_ROWS_MAX = 500;

/**
 * Pull `limit` when the device names none: big enough that a shift's readings (a line writes
 * a few dozen per shift) arrive in one request.
 */
export const PULL_LIMIT_DEFAULT = 200;
/** Largest pull `limit`: a thousand readings are about half a megabyte, well inside BODY_LIMIT_BYTES. */
export const PULL_LIMIT_MAX = 1000;

/**
 * The live stream's `: ping` comment comes every 15 s: proxies often drop a link idle for 30-60 s,
 * and a device that hears nothing for a few of them knows its stream is dead.
 */
export const HEARTBEAT_MS = 15_000;

/** Our client's rows per push: under PUSH_ROWS_MAX, small enough to retry cheaply on a flaky link. */
export const PUSH_BATCH = 100;
/** Our client's documents per pull: the server's default page. */
export const PULL_BATCH = PULL_LIMIT_DEFAULT;

/**
 * A record carrying a photo is at most PHOTO_MAX characters of photo plus the rest of the
 * record: an escalation's description alone may be 8,000 characters, 48 kB when every one is
 * escaped as `\uXXXX` in JSON. A quarter more than the photo bounds such a row with room to
 * spare for the JSON around it.
 */
export const PHOTO_ROW_BYTES_MAX = PHOTO_MAX + PHOTO_MAX / 4;

/**
 * Rows per push and documents per pull for a collection whose records may carry a photo: as many
 * of the largest such rows as fit in one body (4 MB / 500 kB = 8). 200 photos in one pull would
 * be 80 MB at once.
 */
export const PHOTO_BATCH = Math.floor(BODY_LIMIT_BYTES / PHOTO_ROW_BYTES_MAX);
