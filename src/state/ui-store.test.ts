import { describe, expect, it } from 'vitest';
import { createUiStore } from './ui-store.ts';

describe('entry in progress', () => {
  it('stays set while any screen has an entry under way: one finishing does not clear another', () => {
    const ui = createUiStore();
    ui.getState().setEntryInProgress('reading', true);
    // The raise-escalation form mounting closed (or closing) says nothing about the reading being written.
    ui.getState().setEntryInProgress('raise-escalation', false);
    expect(ui.getState().entryInProgress).toBe(true);
    ui.getState().setEntryInProgress('raise-escalation', true);
    ui.getState().setEntryInProgress('reading', false);
    expect(ui.getState().entryInProgress).toBe(true);
    ui.getState().setEntryInProgress('raise-escalation', false);
    expect(ui.getState().entryInProgress).toBe(false);
  });
});
