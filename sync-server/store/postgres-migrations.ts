/**
 * PostgreSQL schema, one numbered step per change. A step once shipped is
 * never edited: add a new one. `schema_migrations` records what ran ([S13]).
 * Names are unqualified: the store sets search_path to its schema.
 */
import type { Migration } from './store.ts';

export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'records, change feed, devices and enrollment codes',
    sql: `
      -- The current version of every record. The feed is the position column:
      -- a record's latest change sits at its position, older ones are superseded.
      CREATE TABLE records (
        collection  text    NOT NULL,
        id          text    NOT NULL,
        plant_id    text    NOT NULL,
        data        jsonb   NOT NULL,
        rev         integer NOT NULL,
        position    bigint  NOT NULL,
        deleted     boolean NOT NULL DEFAULT false,
        received_at text    NOT NULL,
        PRIMARY KEY (collection, id)
      );
      -- changesSince walks this index: collection, then feed order.
      CREATE UNIQUE INDEX records_feed ON records (collection, position);

      -- One row: the highest position handed out. Only ever updated under the
      -- feed lock (see postgres-store.ts), so positions are commit-ordered.
      CREATE TABLE feed_head (
        id       integer PRIMARY KEY CHECK (id = 1),
        position bigint  NOT NULL
      );
      INSERT INTO feed_head (id, position) VALUES (1, 0);

      CREATE TABLE enrollment_codes (
        code_hash   text PRIMARY KEY,
        plant_id    text NOT NULL,
        device_kind text NOT NULL,
        line_id     text NOT NULL,
        created_by  text NOT NULL,
        created_at  text NOT NULL,
        expires_at  text NOT NULL,
        redeemed_at text,
        device_id   text
      );

      CREATE TABLE device_tokens (
        device_id   text PRIMARY KEY,
        plant_id    text NOT NULL,
        kind        text NOT NULL,
        line_id     text NOT NULL,
        name        text NOT NULL,
        token_hash  text NOT NULL UNIQUE,
        enrolled_at text NOT NULL,
        revoked_at  text
      );
      CREATE INDEX device_tokens_plant ON device_tokens (plant_id);
    `,
  },
  {
    version: 2,
    name: 'devices report contact, app version and waiting entries; database identity',
    sql: `
      -- [O4] What the health page shows of each device, kept from its requests.
      ALTER TABLE device_tokens ADD COLUMN last_contact_at text;
      ALTER TABLE device_tokens ADD COLUMN app_version text NOT NULL DEFAULT '';
      ALTER TABLE device_tokens ADD COLUMN waiting integer;

      -- [O6] The database's identity, renewed after a restore (npm run mark-restored).
      CREATE TABLE server_meta (
        id          integer PRIMARY KEY CHECK (id = 1),
        database_id text NOT NULL
      );
      INSERT INTO server_meta (id, database_id) VALUES (1, replace(gen_random_uuid()::text, '-', ''));
    `,
  },
];
