/**
 * The contract's size limit on one message either way (sync-server/API.md, "Limits"): a request
 * body, and a pull answer ([P3]). Its own module because the server (Fastify's bodyLimit) and the
 * pull (its page budget) both need it, and the pull is below the server.
 */

/** 4 MB: a push of 500 records with a few shrunk photos fits. */
export const BODY_LIMIT_BYTES = 4 * 1024 * 1024;
