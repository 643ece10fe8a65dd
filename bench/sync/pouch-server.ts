/**
 * The peer a team would otherwise pick: a PouchDB server (express-pouchdb on
 * the in-memory adapter), run in its own process like the Tierboard server.
 * Prints `pouch server: <url>` once listening. In memory, so it pays no
 * fsync at all: a flattering comparison for PouchDB, not for us.
 *
 * Usage: node --import tsx bench/sync/pouch-server.ts
 */
import type { Server } from 'node:http';
import { pouchModules } from './pouch-modules.ts';

const { PouchDB, express, expressPouchdb } = pouchModules();
const MemoryPouch = PouchDB.defaults({ adapter: 'memory' });
const app = express();
// minimumForPouchDB: the routes replication needs, without express-pouchdb's config and log files on disk.
app.use('/', expressPouchdb(MemoryPouch, { mode: 'minimumForPouchDB' }));
const server: Server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  console.log(`pouch server: http://127.0.0.1:${address.port}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
