// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TierboardDatabase } from '../../db/database.ts';
import { createPinAttempts } from '../people/pin-attempts.ts';
import { openSeededDatabase } from '../testing/test-app.tsx';
import { testKpi, testPerson } from '../../db/testing/test-fixtures.ts';
import { ChangeLine, mayChangeLine } from './change-line.tsx';

const open: TierboardDatabase[] = [];
afterEach(async () => {
  cleanup();
  await Promise.all(open.splice(0).map((db) => db.close()));
});

const roster = [
  testPerson(),
  testPerson({ id: 'person-lea', name: 'Lea Brandt', badge: '1002', role: 'shift_lead' }),
  testPerson({ id: 'person-adm', name: 'Ada Admin', badge: '1003', role: 'plant_admin' }),
  testPerson({ id: 'person-old', name: 'Otto Left', badge: '1004', role: 'shift_lead', active: false }),
  testPerson({ id: 'person-dan', name: 'Dan Okafor', badge: '1005', role: 'responder' }),
];

async function show(people = roster) {
  const { db } = await openSeededDatabase(undefined, [testKpi()], people);
  open.push(db);
  const onChanged = vi.fn();
  const onCancel = vi.fn();
  render(<ChangeLine db={db} plantId="plant-t" lineName="Press line 1" onChanged={onChanged} onCancel={onCancel} attempts={createPinAttempts()} />);
  await screen.findByTestId('change-line-who');
  return { onChanged, onCancel };
}

const typePin = (pin: string) => {
  for (const d of pin) fireEvent.click(screen.getByTestId(`pin-key-${d}`));
  fireEvent.click(screen.getByTestId('pin-submit'));
};

describe('changing the line of a tablet', () => {
  it('the rule book: shift leads and above and the plant admin, at their own plant, while active', () => {
    expect(mayChangeLine({ role: 'shift_lead', plantId: 'plant-t', active: true }, 'plant-t')).toBe(true);
    expect(mayChangeLine({ role: 'plant_admin', plantId: 'plant-t', active: true }, 'plant-t')).toBe(true);
    expect(mayChangeLine({ role: 'operator', plantId: 'plant-t', active: true }, 'plant-t')).toBe(false);
    expect(mayChangeLine({ role: 'shift_lead', plantId: 'plant-u', active: true }, 'plant-t')).toBe(false);
    expect(mayChangeLine({ role: 'shift_lead', plantId: 'plant-t', active: false }, 'plant-t')).toBe(false);
  });

  it('offers only who may allow it; a wrong PIN does not change it; the right one asks first, and "stay" keeps the line', async () => {
    const { onChanged, onCancel } = await show();
    await waitFor(() => expect(screen.getAllByRole('button').map((b) => b.getAttribute('data-testid')).filter((id) => id?.startsWith('change-line-by-'))).toEqual([
      'change-line-by-person-adm',
      'change-line-by-person-lea',
    ]));
    fireEvent.click(screen.getByTestId('change-line-by-person-lea'));
    typePin('9999');
    await waitFor(() => expect(screen.getByTestId('change-line-pin-message').getAttribute('data-kind')).toBe('error'));
    expect(screen.queryByTestId('change-line-confirm')).toBeNull();
    typePin('1234');
    const confirm = await screen.findByTestId('change-line-confirm', {}, { timeout: 5_000 });
    expect(confirm.textContent).toContain('Move this tablet away from Press line 1?');
    expect(onChanged).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('change-line-keep'));
    expect(onCancel).toHaveBeenCalledOnce();
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('changes it once allowed and confirmed', async () => {
    const { onChanged } = await show();
    fireEvent.click(await screen.findByTestId('change-line-by-person-adm'));
    typePin('1234');
    fireEvent.click(await screen.findByTestId('change-line-yes', {}, { timeout: 5_000 }));
    expect(onChanged).toHaveBeenCalledOnce();
  });

  it('says plainly when nobody at the plant may allow it', async () => {
    await show([testPerson()]);
    expect((await screen.findByTestId('change-line-nobody')).textContent).toContain('Nobody at this plant can allow it yet');
  });
});
