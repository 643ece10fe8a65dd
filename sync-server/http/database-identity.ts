/**
 * [O6] Every answer names the database it comes from (DATABASE_HEADER). A database restored
 * from a backup has a new identity (ops/backup.ts gives the copy one; `npm run mark-restored`
 * after a PostgreSQL restore), so a device that sees the name change knows that what it sent
 * since the backup may be missing, and sends it again ([C-O8]).
 *
 * Read once at start: a restore is done with the server stopped.
 */
import type { FastifyInstance } from 'fastify';
import { DATABASE_HEADER } from '../../src/domain/wire/protocol.ts';
import type { RouteContext } from './context.ts';

export async function announceDatabase(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  const id = await ctx.store.databaseId();
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header(DATABASE_HEADER, id);
    return payload;
  });
}
