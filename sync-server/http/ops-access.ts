/**
 * [O2] Who may read the operations routes (/metrics, the devices' health as JSON and as a page).
 *
 * They tell what no device needs to see: every device of every plant, its app version, how much
 * work waits on it, the server's load. So they are not behind a device token (a tablet is not IT)
 * and not open to the world:
 *
 * - with `TIERBOARD_OPS_TOKEN` set, a request must carry it, as `Authorization: Bearer <token>`
 *   (what Prometheus' `authorization` scrape setting sends) or as the password of HTTP basic auth
 *   (what a browser asks for; any user name), compared in constant time;
 * - without it, only the plant's own network may ask: loopback and private addresses (RFC 1918,
 *   IPv6 unique-local and link-local), the way a plant server sits on the plant LAN. A server
 *   reachable from the internet, or behind a reverse proxy (every request then comes from the
 *   proxy), must set the token.
 *
 * The client address is the socket's: X-Forwarded-For is a header anyone can write.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import { BlockList, isIPv4 } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from './errors.ts';

const PLANT_NETWORK = new BlockList();
PLANT_NETWORK.addSubnet('127.0.0.0', 8, 'ipv4');
PLANT_NETWORK.addSubnet('10.0.0.0', 8, 'ipv4');
PLANT_NETWORK.addSubnet('172.16.0.0', 12, 'ipv4');
PLANT_NETWORK.addSubnet('192.168.0.0', 16, 'ipv4');
PLANT_NETWORK.addSubnet('169.254.0.0', 16, 'ipv4');
PLANT_NETWORK.addAddress('::1', 'ipv6');
PLANT_NETWORK.addSubnet('fc00::', 7, 'ipv6');
PLANT_NETWORK.addSubnet('fe80::', 10, 'ipv6');

/** Whether an address is on the plant's own network (see above); IPv4-mapped IPv6 counts as its IPv4. */
export function onPlantNetwork(address: string | undefined): boolean {
  if (!address) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const ip = mapped ?? address;
  return PLANT_NETWORK.check(ip, isIPv4(ip) ? 'ipv4' : 'ipv6');
}

/** The secret a request offers: a bearer token, or basic auth's password. */
function offeredSecret(authorization: string | undefined): string | null {
  if (typeof authorization !== 'string') return null;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
  if (bearer) return bearer;
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization)?.[1];
  if (!basic) return null;
  const decoded = Buffer.from(basic, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 ? decoded.slice(colon + 1) : null;
}

/** Equal in constant time whatever the lengths: both sides hashed first. */
function sameSecret(a: string, b: string): boolean {
  const h = (x: string) => createHash('sha256').update(x).digest();
  return timingSafeEqual(h(a), h(b));
}

/**
 * A preHandler for an operations route. `browser`: the health page, whose refusal asks the
 * browser for basic auth instead of only saying what is missing.
 */
export function opsAccess(token: string | undefined, browser = false) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    if (token) {
      const offered = offeredSecret(req.headers.authorization);
      if (offered !== null && sameSecret(offered, token)) return undefined;
      if (browser) reply.header('www-authenticate', 'Basic realm="Tierboard operations", charset="UTF-8"');
      return offered === null
        ? sendError(reply, 401, { error: 'missing_token', message: 'The operations pages need the operations token (TIERBOARD_OPS_TOKEN) as a bearer token or as the password.' })
        : sendError(reply, 401, { error: 'unknown_token', message: 'That is not the operations token (TIERBOARD_OPS_TOKEN) of this server.' });
    }
    if (onPlantNetwork(req.socket.remoteAddress)) return undefined;
    return sendError(reply, 403, {
      error: 'not_allowed',
      message: 'The operations pages answer the plant network only. To read them from elsewhere, start the server with TIERBOARD_OPS_TOKEN set and send that token.',
    });
  };
}
