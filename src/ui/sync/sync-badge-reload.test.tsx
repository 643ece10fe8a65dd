// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { device, enrolledTablet, fakeServer, type Device } from '../../sync/testing/harness.ts';
import { openTestDatabase, uniqueName } from '../../sync/testing/test-database.ts';
import { SyncBadge } from './sync-badge.tsx';

const open: Device[] = [];
afterEach(async () => {
  cleanup();
  while (open.length) await open.pop()?.close();
});

describe('the sync badge after a reload without a network', () => {
  it('says when the device last synced, not "Not synced yet"', async () => {
    const clocks = { deviceMs: 50_000_000, serverMs: 50_000_000 };
    const server = fakeServer(clocks);
    const name = uniqueName('badge-reload');
    const first = await enrolledTablet(server, clocks, 'plant-berlin', () => undefined, name);
    await first.close();

    server.reachable = false;
    clocks.deviceMs += 3 * 3_600_000;
    const d = await device(server, clocks, name, await openTestDatabase(name));
    open.push(d);
    render(<SyncBadge status={d.client.status} now={() => clocks.deviceMs} />);
    expect(screen.getByTestId('sync-pending').textContent).toContain('Synced 3 h ago');
  });
});
