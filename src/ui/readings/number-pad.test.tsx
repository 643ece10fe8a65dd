// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDraftStore } from '../../state/draft-store.ts';
import { memoryStorage } from '../../state/key-value-storage.ts';
import { testKpi } from '../../db/testing/test-fixtures.ts';
import { NumberPad } from './number-pad.tsx';
import { press } from '../testing/test-taps.ts';

afterEach(cleanup);

const shown = () => screen.getByTestId('pad-display').textContent;

describe('number pad', () => {
  it('is a labelled dialog and types with the plant decimal separator', () => {
    render(<NumberPad def={testKpi()} locale="de-DE" onSave={() => {}} onCancel={() => {}} />);
    expect(screen.getByRole('dialog', { name: 'Record OEE' })).toBeTruthy();
    press('pad-8', 'pad-7', 'pad-dot', 'pad-5');
    expect(shown()).toBe('87,5%');
    expect(screen.getByTestId('pad-dot').textContent).toBe(',');
  });

  it('limits decimals to the definition and offers no minus key when the range cannot be negative', () => {
    render(<NumberPad def={testKpi({ decimals: 1 })} locale="en-GB" onSave={() => {}} onCancel={() => {}} />);
    press('pad-4', 'pad-dot', 'pad-2', 'pad-9', 'pad-9');
    expect(shown()).toBe('4.2%');
    expect(screen.queryByTestId('pad-sign')).toBeNull();
  });

  it('disables the decimal key on whole-number KPIs and offers +/- on signed ones', () => {
    render(<NumberPad def={testKpi({ decimals: 0, plausibleMin: -10, plausibleMax: 10, unit: '°C' })} locale="en-GB" onSave={() => {}} onCancel={() => {}} />);
    expect((screen.getByTestId('pad-dot') as HTMLButtonElement).disabled).toBe(true);
    press('pad-3', 'pad-sign');
    expect(shown()).toBe('\u22123°C');
  });

  it('offers +/- on a unit that can be negative even when its usual range starts at 0, and saves −2 °C after "are you sure?"', () => {
    const onSave = vi.fn();
    render(<NumberPad def={testKpi({ decimals: 1, plausibleMin: 0, plausibleMax: 40, unit: '°C' })} locale="en-GB" onSave={onSave} onCancel={() => {}} />);
    press('pad-2', 'pad-sign');
    expect(shown()).toBe('\u22122°C');
    press('pad-save');
    expect(screen.getByTestId('pad-confirm-value').textContent).toContain('-2');
    press('pad-confirm');
    expect(onSave).toHaveBeenCalledWith({ value: -2, note: '', correctionReason: '' });
  });

  it('saves a plausible value straight away', () => {
    const onSave = vi.fn();
    render(<NumberPad def={testKpi()} locale="en-GB" onSave={onSave} onCancel={() => {}} />);
    expect((screen.getByTestId('pad-save') as HTMLButtonElement).disabled).toBe(true);
    press('pad-8', 'pad-7', 'pad-dot', 'pad-5', 'pad-save');
    expect(onSave).toHaveBeenCalledWith({ value: 87.5, note: '', correctionReason: '' });
  });

  it('asks "are you sure?" with the value big for an implausible value, and lets the person go back', () => {
    const onSave = vi.fn();
    render(<NumberPad def={testKpi()} locale="en-GB" onSave={onSave} onCancel={() => {}} />);
    press('pad-1', 'pad-5', 'pad-0', 'pad-save');
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByRole('dialog', { name: 'Are you sure?' })).toBeTruthy();
    expect(screen.getByTestId('pad-confirm-value').textContent).toBe('150.0 %');
    press('pad-confirm-no');
    expect(shown()).toBe('150%');
    press('pad-save', 'pad-confirm');
    expect(onSave).toHaveBeenCalledWith({ value: 150, note: '', correctionReason: '' });
  });

  it('a correction starts from the old value and cannot be saved without a reason', () => {
    const onSave = vi.fn();
    render(<NumberPad def={testKpi()} locale="en-GB" correcting={{ value: 78.5 }} onSave={onSave} onCancel={() => {}} />);
    expect(screen.getByRole('dialog', { name: 'Correct OEE' })).toBeTruthy();
    expect(shown()).toBe('78.5%');
    press('pad-back', 'pad-back', 'pad-back', 'pad-back', 'pad-8', 'pad-7', 'pad-dot', 'pad-5');
    expect(shown()).toBe('87.5%');
    expect((screen.getByTestId('pad-save') as HTMLButtonElement).disabled).toBe(true);
    press('reason-typo');
    fireEvent.input(screen.getByTestId('reason-text'), { target: { value: 'swapped digits' } });
    press('pad-save');
    expect(onSave).toHaveBeenCalledWith({ value: 87.5, note: '', correctionReason: 'Typing error: swapped digits' });
  });

  it('a correction\'s first key replaces the old value, which stays visible beside the new one', () => {
    const onSave = vi.fn();
    render(<NumberPad def={testKpi({ decimals: 0, plausibleMin: 0, plausibleMax: 100, unit: 'pcs' })} locale="en-GB" correcting={{ value: 2 }} onSave={onSave} onCancel={() => {}} />);
    expect(shown()).toBe('2pcs');
    expect(screen.getByTestId('pad-was').textContent).toBe('was 2 pcs');
    press('pad-2', 'pad-3');
    expect(shown()).toBe('23pcs');
    expect(screen.getByTestId('pad-was').textContent).toBe('was 2 pcs');
    press('reason-recount', 'pad-save');
    expect(onSave).toHaveBeenCalledWith({ value: 23, note: '', correctionReason: 'Counted again' });
  });

  it('a hardware keyboard\'s first digit replaces the old value too', () => {
    render(<NumberPad def={testKpi()} locale="en-GB" correcting={{ value: 78.5 }} onSave={() => {}} onCancel={() => {}} />);
    fireEvent.keyDown(window, { key: '9' });
    expect(shown()).toBe('9%');
  });

  it('a first reading shows no old value', () => {
    render(<NumberPad def={testKpi()} locale="en-GB" onSave={() => {}} onCancel={() => {}} />);
    expect(screen.queryByTestId('pad-was')).toBeNull();
  });

  it("a correction's typing is kept in its draft and is there again when the pad reopens", () => {
    const drafts = createDraftStore(memoryStorage(), () => 0);
    const slot = () => drafts.slot({ personId: 'person-ana', plantId: 'plant-t', lineId: 'line-t1', subject: 'correction:r1' });
    const pad = (correcting: { value: number } | null) => (
      <NumberPad def={testKpi()} locale="en-GB" correcting={correcting} draft={slot()} onSave={() => {}} onCancel={() => {}} />
    );
    const first = render(pad({ value: 78.5 }));
    // Opening is not typing: nothing is kept yet.
    expect(slot()?.load()).toBeNull();
    press('pad-8', 'pad-7', 'reason-recount');
    fireEvent.input(screen.getByTestId('reason-text'), { target: { value: 'counted the bin again' } });
    first.unmount();

    render(pad({ value: 78.5 }));
    expect(shown()).toBe('87%');
    expect(screen.getByTestId('reason-recount').getAttribute('aria-pressed')).toBe('true');
    expect((screen.getByTestId('reason-text') as HTMLInputElement).value).toBe('counted the bin again');
    // Typed, not the old value: the next key goes on from it.
    press('pad-dot', 'pad-5');
    expect(shown()).toBe('87.5%');
  });
});

