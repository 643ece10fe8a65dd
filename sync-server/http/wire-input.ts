/**
 * Checking the shape of what arrives before any module sees it ([P11]).
 * Only structure here; record content is checked per record by the schema.
 */
import { collectionInfo, type CollectionName } from '../../src/domain/records/collections.ts';
import { refuse } from '../auth/refusal.ts';
import { PULL_LIMIT_DEFAULT, PULL_LIMIT_MAX } from '../replication/pull.ts';
import { PUSH_ROWS_MAX, type PushRow } from '../replication/push.ts';
import { storable } from '../replication/record-validation.ts';

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function collectionParam(params: unknown): CollectionName {
  const name = isPlainObject(params) ? params.collection : undefined;
  const info = typeof name === 'string' ? collectionInfo(name) : undefined;
  if (!info) {
    throw refuse.notFound('unknown_collection', `There is no collection called "${String(name).slice(0, 60)}" on this server. The app may be newer than the server.`);
  }
  return info.name;
}

const NON_NEGATIVE_INT = /^(0|[1-9][0-9]{0,14})$/;

export function pullQuery(query: unknown): { since: number; limit: number } {
  const q = isPlainObject(query) ? query : {};
  const cp = q.checkpoint;
  const lim = q.limit;
  if (cp !== undefined && cp !== '' && !(typeof cp === 'string' && NON_NEGATIVE_INT.test(cp))) {
    throw refuse.badInput('checkpoint must be a whole number (a position from an earlier pull) or empty.', 'invalid_query');
  }
  let limit = PULL_LIMIT_DEFAULT;
  if (lim !== undefined && lim !== '') {
    const n = typeof lim === 'string' && NON_NEGATIVE_INT.test(lim) ? Number(lim) : NaN;
    if (!(n >= 1 && n <= PULL_LIMIT_MAX)) throw refuse.badInput(`limit must be a whole number from 1 to ${PULL_LIMIT_MAX}.`, 'invalid_query');
    limit = n;
  }
  return { since: typeof cp === 'string' && cp !== '' ? Number(cp) : 0, limit };
}

export function pushBody(body: unknown): PushRow[] {
  if (!isPlainObject(body) || !Array.isArray(body.rows)) {
    throw refuse.badInput('The push must be a JSON object {"rows": [...]}.');
  }
  if (body.rows.length > PUSH_ROWS_MAX) {
    throw refuse.tooLarge('batch_too_large', `A push may carry at most ${PUSH_ROWS_MAX} records; this one has ${body.rows.length}. Send them in smaller batches.`);
  }
  return body.rows.map((row: unknown, i: number): PushRow => {
    if (!isPlainObject(row) || !isPlainObject(row.newDocumentState)) {
      throw refuse.badInput(`Row ${i} of the push has no newDocumentState object.`);
    }
    const doc = row.newDocumentState;
    if (typeof doc.id !== 'string' || doc.id === '') throw refuse.badInput(`Row ${i} of the push has a record without an id.`);
    const assumed = row.assumedMasterState;
    if (assumed !== undefined && assumed !== null && !isPlainObject(assumed)) {
      throw refuse.badInput(`Row ${i} of the push has an assumedMasterState that is neither a record nor null.`);
    }
    return { newDocumentState: doc as PushRow['newDocumentState'], assumedMasterState: (assumed ?? null) as PushRow['assumedMasterState'] };
  });
}

export function enrollBody(body: unknown): { code: string; name: string } {
  if (!isPlainObject(body) || typeof body.code !== 'string') throw refuse.badInput('Send {"code": "..."} with the enrollment code.');
  if (body.name !== undefined && typeof body.name !== 'string') throw refuse.badInput('The device name must be text.');
  // [P5]'s storable text: PostgreSQL holds no NUL or broken surrogate pair, and a name is stored.
  if (body.name !== undefined && !storable(body.name)) throw refuse.badInput('The device name holds a character that cannot be stored (a NUL or a broken surrogate pair).');
  return { code: body.code, name: body.name ?? '' };
}

export function codeRequestBody(body: unknown): { plantId: string; kind: 'tablet' | 'wall_screen'; lineId: string } {
  if (!isPlainObject(body) || typeof body.plantId !== 'string' || body.plantId === '') {
    throw refuse.badInput('Send {"plantId": "...", "kind": "tablet" | "wall_screen", "lineId"?: "..."}.');
  }
  if (body.kind !== 'tablet' && body.kind !== 'wall_screen') throw refuse.badInput('kind must be "tablet" or "wall_screen".');
  if (body.lineId !== undefined && typeof body.lineId !== 'string') throw refuse.badInput('lineId must be text.');
  return { plantId: body.plantId, kind: body.kind, lineId: body.lineId ?? '' };
}
