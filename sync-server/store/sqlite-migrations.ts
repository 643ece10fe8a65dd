/**
 * SQLite schema, one numbered step per change. A step once shipped is never
 * edited: add a new one. `schema_migrations` records what ran (see [S13]).
 */
import type { Migration } from './store.ts';

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'records, change feed, devices and enrollment codes',
    sql: `
      -- The current version of every record. The feed is the position column:
      -- a record's latest change sits at its position, older ones are superseded.
      CREATE TABLE records (
        collection  TEXT    NOT NULL,
        id          TEXT    NOT NULL,
        plant_id    TEXT    NOT NULL,
        data        TEXT    NOT NULL,
        rev         INTEGER NOT NULL,
        position    INTEGER NOT NULL,
        deleted     INTEGER NOT NULL DEFAULT 0,
        received_at TEXT    NOT NULL,
        PRIMARY KEY (collection, id)
      );
      -- changesSince walks this index: collection, then feed order. Plant scope
      -- is a filter on top; a plant server holds almost only its own plant.
      CREATE UNIQUE INDEX records_feed ON records (collection, position);

      -- One row: the highest position handed out, the feed's head.
      CREATE TABLE feed_head (
        id       INTEGER PRIMARY KEY CHECK (id = 1),
        position INTEGER NOT NULL
      );
      INSERT INTO feed_head (id, position) VALUES (1, 0);

      CREATE TABLE enrollment_codes (
        code_hash   TEXT PRIMARY KEY,
        plant_id    TEXT NOT NULL,
        device_kind TEXT NOT NULL,
        line_id     TEXT NOT NULL,
        created_by  TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        expires_at  TEXT NOT NULL,
        redeemed_at TEXT,
        device_id   TEXT
      );

      CREATE TABLE device_tokens (
        device_id   TEXT PRIMARY KEY,
        plant_id    TEXT NOT NULL,
        kind        TEXT NOT NULL,
        line_id     TEXT NOT NULL,
        name        TEXT NOT NULL,
        token_hash  TEXT NOT NULL UNIQUE,
        enrolled_at TEXT NOT NULL,
        revoked_at  TEXT
      );
      CREATE INDEX device_tokens_plant ON device_tokens (plant_id);
    `,
  },
  {
    version: 2,
    name: 'devices report contact, app version and waiting entries; database identity',
    sql: `
      -- [O4] What the health page shows of each device, kept from its requests.
      ALTER TABLE device_tokens ADD COLUMN last_contact_at TEXT;
      ALTER TABLE device_tokens ADD COLUMN app_version TEXT NOT NULL DEFAULT '';
      ALTER TABLE device_tokens ADD COLUMN waiting INTEGER;

      -- [O6] The database's identity, renewed in a backup copy and after a restore.
      CREATE TABLE server_meta (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        database_id TEXT NOT NULL
      );
      INSERT INTO server_meta (id, database_id) VALUES (1, lower(hex(randomblob(16))));
    `,
  },
];
