/**
 * [P12] Push answers with stamps: the client asks for them and turns each stamp into the master
 * RxDB adopts, the document it sent with the server's `receivedAt`.
 */
import { describe, expect, it } from 'vitest';
import { SyncHttpError, type ApiClient } from './api-client.ts';
import type { PushAnswer, PushRow } from '../domain/wire/protocol.ts';
import { mastersOf, pushBatch, type PushRoute } from './replication.ts';

const sent = (id: string) => ({ id, plantId: 'plant-bochum', value: 1, receivedAt: '', _deleted: false });

describe('push answers with stamps', () => {
  it('[C-S1] a stamp makes the sent document with its receivedAt; whole records in conflicts stay as they came', () => {
    const a = sent('a');
    const b = sent('b');
    const conflict = { id: 'c', plantId: 'plant-bochum', value: 2, receivedAt: '2026-03-02T06:00:00.000Z', _deleted: false };
    const answer: PushAnswer = { conflicts: [conflict], stamped: [['b', '2026-03-02T06:00:01.000Z']], rejected: [] };
    expect(mastersOf([a, b], answer)).toEqual([conflict, { ...b, receivedAt: '2026-03-02T06:00:01.000Z' }]);
    // The sent document itself is left as it was: RxDB still holds it as the row it pushed.
    expect(b.receivedAt).toBe('');
    // An answer without stamps (a server before them) is its conflicts.
    expect(mastersOf([a], { conflicts: [conflict], rejected: [] })).toEqual([conflict]);
  });

  it('[C-S1] [C-P1] asks for stamps, and keeps the stamps of both halves when a 413 halves the batch', async () => {
    const calls: { rows: number; headers: Record<string, string> | undefined }[] = [];
    const api = {
      async post<T>(_path: string, body: unknown, _token: string | null, headers?: Record<string, string>): Promise<T> {
        const rows = (body as { rows: PushRow[] }).rows;
        calls.push({ rows: rows.length, headers });
        if (rows.length > 2) throw new SyncHttpError(413, 'batch_too_large', 'Send fewer records at a time.');
        return { conflicts: [], stamped: rows.map((r) => [String(r.newDocumentState.id), 'T']), rejected: [] } as T;
      },
    } as unknown as ApiClient;
    const route: PushRoute = { api, collection: 'kpi_readings', token: () => 't', actingPerson: () => '' };
    const rows = ['a', 'b', 'c', 'd'].map((id) => ({ newDocumentState: sent(id), assumedMasterState: null }));
    const answer = await pushBatch(route, rows);
    expect(calls.map((c) => c.rows)).toEqual([4, 2, 2]);
    expect(calls.every((c) => c.headers?.['x-tierboard-stamps'] === '1')).toBe(true);
    expect(answer.stamped).toEqual([['a', 'T'], ['b', 'T'], ['c', 'T'], ['d', 'T']]);
  });
});
