// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SyncHttpError } from '../../sync/api-client.ts';
import type { Enrollment } from '../../sync/enrollment.ts';
import type { RejectedRecord } from '../../sync/rejections.ts';
import { createSyncStatusStore } from '../../sync/status.ts';
import { EnrollScreen } from './enroll-screen.tsx';
import { ago } from './sync-messages.ts';
import { RevokedNotice } from './revoked-notice.tsx';
import { SyncBadge } from './sync-badge.tsx';


afterEach(cleanup);

const NOW = Date.UTC(2026, 2, 2, 6, 30);

const refused = (id: string): RejectedRecord => ({
  collection: 'kpi_readings',
  id,
  error: 'other_plant',
  message: 'This record belongs to another plant.',
  document: { id },
  atMs: NOW,
});

describe('SyncBadge', () => {
  it('shows online state, waiting entries and when it last synced', () => {
    const status = createSyncStatusStore();
    status.setState({ auth: 'enrolled', online: true, pending: 3, lastSyncAtMs: NOW - 2 * 60_000 });
    render(<SyncBadge status={status} now={() => NOW} />);
    expect(screen.getByTestId('sync-badge').textContent).toContain('Online');
    expect(screen.getByTestId('sync-pending').textContent).toBe('3 entries waiting to send · Synced 2 min ago');
  });

  it('says offline in words and the problem in plain words', async () => {
    const status = createSyncStatusStore();
    status.setState({ auth: 'enrolled', online: true, pending: 0 });
    render(<SyncBadge status={status} now={() => NOW} />);
    expect(screen.getByTestId('sync-pending').textContent).toBe('All sent · Not synced yet');
    status.setState({ online: false, pending: 1, lastError: { kind: 'offline', message: '', atMs: NOW } });
    await waitFor(() => expect(screen.getByTestId('sync-badge').textContent).toContain('Offline'));
    expect(screen.getByTestId('sync-pending').textContent).toContain('1 entry waiting to send');
    expect(screen.getByTestId('sync-problem').textContent).toContain('No network.');
  });

  it('opens details listing refused entries and sends them again', async () => {
    const status = createSyncStatusStore();
    status.setState({ auth: 'enrolled', rejected: 3 });
    let list = [refused('a'), refused('b'), refused('c')];
    const client = {
      rejections: vi.fn(async () => list),
      retryRejected: vi.fn(async () => {
        list = [];
        status.setState({ rejected: 0 });
      }),
    };
    render(<SyncBadge status={status} client={client} now={() => NOW} />);
    expect(screen.getByTestId('sync-refused').textContent).toBe('3 entries refused');
    fireEvent.click(screen.getByTestId('sync-badge'));
    await waitFor(() =>
      expect(screen.getByTestId('sync-refused-line').textContent).toBe('3 readings refused by the server: This record belongs to another plant.'),
    );
    fireEvent.click(screen.getByTestId('sync-retry'));
    await waitFor(() => expect(screen.queryByTestId('sync-refused-line')).toBeNull());
    expect(client.retryRejected).toHaveBeenCalledTimes(1);
  });

  it('[C-O7] lists each refused entry with Discard, asked once more first, done as the person signed in; without one, none is offered', async () => {
    const status = createSyncStatusStore();
    status.setState({ auth: 'enrolled', rejected: 2 });
    let list: RejectedRecord[] = [
      { ...refused('r-1'), atMs: NOW - 4 * 60_000 },
      { ...refused('s-1'), collection: 'escalation_events', message: 'Dan Okafor: An operator cannot acknowledge escalations.', atMs: NOW - 60 * 60_000 },
    ];
    const client = {
      rejections: vi.fn(async () => list),
      retryRejected: vi.fn(async () => undefined),
      discardRejected: vi.fn(async (collection: string, id: string) => {
        list = list.filter((r) => r.collection !== collection || r.id !== id);
        status.setState({ rejected: list.length });
      }),
    };
    const { rerender } = render(<SyncBadge status={status} client={client} now={() => NOW} />);
    fireEvent.click(screen.getByTestId('sync-badge'));
    const step = await screen.findByTestId('sync-refused-escalation_events-s-1');
    expect(step.textContent).toBe('escalation step, refused 1 h ago');
    expect(screen.getByTestId('sync-refused-kpi_readings-r-1').textContent).toBe('reading, refused 4 min ago');
    // Nobody signed in: only a person gives an entry up.
    expect(screen.getByTestId('sync-sign-in-to-discard').textContent).toBe('Sign in to discard a refused entry.');
    expect(screen.queryByTestId('sync-refused-escalation_events-s-1-discard')).toBeNull();

    rerender(<SyncBadge status={status} client={client} now={() => NOW} personId="person-lea" />);
    fireEvent.click(screen.getByTestId('sync-refused-escalation_events-s-1-discard'));
    fireEvent.click(screen.getByTestId('sync-refused-escalation_events-s-1-discard-no'));
    expect(client.discardRejected).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('sync-refused-escalation_events-s-1-discard'));
    fireEvent.click(screen.getByTestId('sync-refused-escalation_events-s-1-discard-yes'));
    await waitFor(() => expect(screen.queryByTestId('sync-refused-escalation_events-s-1')).toBeNull());
    expect(client.discardRejected).toHaveBeenCalledWith('escalation_events', 's-1', 'person-lea');
    expect(screen.getByTestId('sync-refused').textContent).toBe('1 entry refused');
    // "Send again" is still there for the rest.
    expect(screen.getByTestId('sync-retry')).toBeTruthy();
  });

  it('declares a touch target of at least 48 px for the badge button', () => {
    // happy-dom does not lay out, so check the stylesheet the badge ships with.
    const syncCss = readFileSync('src/ui/sync/sync.css', 'utf8');
    const rule = /\.sync-badge\s*\{([^}]*)\}/.exec(syncCss)?.[1] ?? '';
    expect(Number(/min-height:\s*(\d+)px/.exec(rule)?.[1])).toBeGreaterThanOrEqual(48);
    expect(Number(/min-width:\s*(\d+)px/.exec(rule)?.[1])).toBeGreaterThanOrEqual(48);
  });
});

describe('relative time', () => {
  it('reads like the floor talks', () => {
    expect(ago(NOW - 20_000, NOW)).toBe('just now');
    expect(ago(NOW - 5 * 60_000, NOW)).toBe('5 min ago');
    expect(ago(NOW - 3 * 3_600_000, NOW)).toBe('3 h ago');
    expect(ago(NOW - 3 * 86_400_000, NOW)).toBe('3 days ago');
  });
});

const enrollment: Enrollment = {
  deviceId: 'd1',
  token: 't1',
  plantId: 'plant-berlin',
  kind: 'tablet',
  lineId: '',
  serverUrl: 'https://plant.example',
  enrolledAtMs: NOW,
  revokedReason: '',
};

describe('EnrollScreen', () => {
  it('takes the code from the QR link and enrolls against the default server', async () => {
    const enroll = vi.fn(async () => enrollment);
    const onEnrolled = vi.fn();
    render(<EnrollScreen client={{ enroll }} defaultServerUrl="https://plant.example" initialCode="k7p2qx" onEnrolled={onEnrolled} />);
    expect((screen.getByTestId('enroll-code') as HTMLInputElement).value).toBe('k7p2qx');
    fireEvent.click(screen.getByTestId('enroll-submit'));
    await waitFor(() => expect(onEnrolled).toHaveBeenCalledWith(enrollment));
    expect(enroll).toHaveBeenCalledWith('https://plant.example', 'K7P2QX');
    expect(screen.getByTestId('enroll-done')).toBeTruthy();
  });

  it.each([
    ['unknown_enrollment_code', 404, 'This code is not known.'],
    ['enrollment_code_used', 409, 'This code was already used.'],
    ['enrollment_code_expired', 410, 'This code has expired.'],
    ['too_many_attempts', 429, 'Too many wrong codes were tried.'],
    ['network', 0, 'The server cannot be reached.'],
  ])('explains %s in plain words', async (code, httpStatus, text) => {
    const enroll = vi.fn(async (): Promise<Enrollment> => {
      throw new SyncHttpError(httpStatus, code, 'server words');
    });
    render(<EnrollScreen client={{ enroll }} defaultServerUrl="https://plant.example" initialCode="ABC" />);
    fireEvent.click(screen.getByTestId('enroll-submit'));
    await waitFor(() => expect(screen.getByTestId('enroll-error').textContent).toContain(text));
  });

  it('asks for a code instead of sending an empty one', () => {
    const enroll = vi.fn(async () => enrollment);
    render(<EnrollScreen client={{ enroll }} defaultServerUrl="https://plant.example" />);
    fireEvent.input(screen.getByTestId('enroll-code'), { target: { value: '  ' } });
    fireEvent.click(screen.getByTestId('enroll-submit'));
    expect(screen.getByTestId('enroll-error').textContent).toBe('Please type the code.');
    expect(enroll).not.toHaveBeenCalled();
  });
});

describe('RevokedNotice', () => {
  it('names the plant, says the unsent work is kept, and offers enrollment', () => {
    const status = createSyncStatusStore();
    status.setState({ auth: 'revoked', plantLabel: 'plant-berlin', pending: 4 });
    const again = vi.fn();
    render(<RevokedNotice status={status} plantName={(id) => (id === 'plant-berlin' ? 'Berlin' : id)} onEnrollAgain={again} />);
    expect(screen.getByTestId('revoked-notice').textContent).toContain(
      'This device was removed from Berlin. Ask your plant admin to enroll it again.',
    );
    expect(screen.getByTestId('revoked-notice').textContent).toContain('4 entries are kept on this device');
    fireEvent.click(screen.getByTestId('revoked-enroll'));
    expect(again).toHaveBeenCalled();
  });

  it('shows nothing while the device is enrolled', () => {
    const status = createSyncStatusStore();
    status.setState({ auth: 'enrolled' });
    render(<RevokedNotice status={status} />);
    expect(screen.queryByTestId('revoked-notice')).toBeNull();
  });
});
