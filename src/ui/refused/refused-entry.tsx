/**
 * One entry the server refused, where it is shown: marked "refused by the
 * server – does not count" (a word, not only a colour), what it was, why it
 * was refused in plain words, the way forward, and Discard. Discarding asks
 * once more first: it is the person giving up what they entered ([C-O4]).
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { refusedWords } from './refused-entry-messages.ts';
import './refused.css';

export interface RefusedEntryProps {
  /** `data-testid` of the entry; its parts get `<testId>-reason`, `-way`, `-discard`, `-confirm`. */
  testId: string;
  /** What was entered, e.g. "Ben Kraus acknowledged it · 10:02". */
  what: ComponentChildren;
  /** What `what` says, as plain text, for the Discard button's name. */
  whatText: string;
  reason: string;
  way: string;
  /** Discard is offered only with this (someone is signed in and the device keeps the refusal log). */
  onDiscard?: (() => Promise<void> | void) | undefined;
  /** Said instead of Discard when it is not offered (e.g. nobody is signed in). */
  noDiscard?: string | undefined;
  tag?: 'li' | 'div';
}

export function RefusedEntry({ testId, what, whatText, reason, way, onDiscard, noDiscard, tag = 'li' }: RefusedEntryProps) {
  const Tag = tag;
  return (
    <Tag class="is-refused refused-entry" data-testid={testId} data-refused="true">
      <div class="refused-what">
        <span class="badge badge-refused">{refusedWords('badge')}</span> {what}
      </div>
      <p class="refused-reason" data-testid={`${testId}-reason`}>
        {reason}
      </p>
      <p class="refused-way" data-testid={`${testId}-way`}>
        {way}
      </p>
      {onDiscard ? <DiscardWithConfirm testId={testId} whatText={whatText} onDiscard={onDiscard} /> : noDiscard && <p class="hint">{noDiscard}</p>}
    </Tag>
  );
}

export interface DiscardWithConfirmProps {
  /** The buttons are `<testId>-discard`, then `<testId>-discard-yes` / `-discard-no` in `<testId>-confirm`. */
  testId: string;
  whatText: string;
  onDiscard(): Promise<void> | void;
}

/** Discard, asked once more before it is done: a glove's stray tap must not give an entry up. */
export function DiscardWithConfirm({ testId, whatText, onDiscard }: DiscardWithConfirmProps) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const discard = async () => {
    setBusy(true);
    try {
      await onDiscard();
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  if (!confirming) {
    return (
      <button
        type="button"
        class="btn btn-secondary"
        data-testid={`${testId}-discard`}
        aria-label={refusedWords('discardLabel', { what: whatText })}
        onClick={() => setConfirming(true)}
      >
        {refusedWords('discard')}
      </button>
    );
  }
  return (
    <div class="refused-confirm" role="group" aria-label={refusedWords('confirm')} data-testid={`${testId}-confirm`}>
      <p>{refusedWords('confirm')}</p>
      <div class="row-buttons">
        <button type="button" class="btn btn-primary" disabled={busy} data-testid={`${testId}-discard-yes`} onClick={() => void discard()}>
          {refusedWords('confirmYes')}
        </button>
        <button type="button" class="btn btn-secondary" disabled={busy} data-testid={`${testId}-discard-no`} onClick={() => setConfirming(false)}>
          {refusedWords('confirmNo')}
        </button>
      </div>
    </div>
  );
}
