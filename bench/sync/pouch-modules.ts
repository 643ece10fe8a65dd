/**
 * PouchDB, express and express-pouchdb are CommonJS without type declarations
 * in this project; the benchmark loads them through require and types only
 * the few calls it makes, instead of declaring ambient modules for everyone.
 */
import type { RequestListener, Server } from 'node:http';
import { createRequire } from 'node:module';

export interface PouchDatabase {
  bulkDocs(docs: object[]): Promise<{ ok?: boolean; error?: string }[]>;
  info(): Promise<{ doc_count: number; update_seq: number | string }>;
  destroy(): Promise<unknown>;
  close(): Promise<unknown>;
}

export interface ReplicationResult {
  ok: boolean;
  docs_written: number;
  doc_write_failures: number;
}

export interface PouchStatic {
  new (name: string, options?: { adapter?: string; skip_setup?: boolean }): PouchDatabase;
  plugin(plugin: unknown): PouchStatic;
  defaults(options: { adapter: string }): PouchStatic;
  replicate(source: PouchDatabase | string, target: PouchDatabase | string, options: { batch_size: number; batches_limit?: number }): Promise<ReplicationResult>;
}

export interface ExpressApp extends RequestListener {
  use(path: string, handler: unknown): void;
  listen(port: number, host: string, ready: () => void): Server;
}

export interface PouchModules {
  PouchDB: PouchStatic;
  express: () => ExpressApp;
  expressPouchdb: (pouch: PouchStatic, options: { mode: string }) => unknown;
}

export function pouchModules(): PouchModules {
  const require = createRequire(import.meta.url);
  const PouchDB = require('pouchdb') as PouchStatic;
  PouchDB.plugin(require('pouchdb-adapter-memory'));
  return {
    PouchDB,
    express: require('express') as () => ExpressApp,
    expressPouchdb: require('express-pouchdb') as PouchModules['expressPouchdb'],
  };
}
