/**
 * "Who is recording?": big name buttons from the plant's roster with a
 * search field, or the badge number on a number pad for those who would
 * rather not look for their name.
 */
import { useMemo, useState } from 'preact/hooks';
import type { Person } from '../../domain/people/people-types.ts';
import { t } from '../i18n/t.ts';
import { NameGrid } from '../people/name-grid.tsx';

export interface OperatorPickerProps {
  roster: readonly Person[];
  onPick(person: Person): void;
  /** Resolves the badge to a person of this plant, or null. */
  findByBadge(badge: string): Promise<Person | null>;
  /** Typing a badge is unsaved input: an update reload must wait for it. */
  onTyping?(busy: boolean): void;
}

// Badge numbers on the demo and customer cards are at most 10 digits.
const MAX_BADGE_DIGITS = 10;

export function OperatorPicker({ roster, onPick, findByBadge, onTyping }: OperatorPickerProps) {
  const [query, setQuery] = useState('');
  const [badge, setBadgeState] = useState('');
  const [unknownBadge, setUnknownBadge] = useState('');

  const setBadge = (next: string) => {
    setBadgeState(next);
    setUnknownBadge('');
    onTyping?.(next !== '');
  };

  const shown = useMemo(() => {
    const q = query.trim().toLocaleLowerCase();
    const active = roster.filter((p) => p.active);
    const sorted = [...active].sort((a, b) => a.name.localeCompare(b.name));
    return q ? sorted.filter((p) => p.name.toLocaleLowerCase().includes(q) || p.badge.includes(q)) : sorted;
  }, [roster, query]);

  const submitBadge = async () => {
    if (!badge) return;
    const person = await findByBadge(badge);
    if (person) {
      setBadge('');
      onPick(person);
    } else {
      setUnknownBadge(badge);
      setBadgeState('');
      onTyping?.(false);
    }
  };

  return (
    <section class="picker" aria-labelledby="picker-title" data-testid="operator-picker">
      <h2 id="picker-title">{t('signin.title')}</h2>
      <div class="picker-body">
        <div class="picker-roster">
          <label class="field">
            <span>{t('signin.search')}</span>
            <input type="search" data-testid="roster-search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
          </label>
          {shown.length === 0 && query && <p class="hint">{t('signin.noMatch', { query })}</p>}
          <NameGrid people={shown} testIdPrefix="person-" onPick={onPick} />
        </div>
        <div class="picker-badge">
          <h3>{t('signin.badgeTitle')}</h3>
          <output class="badge-display" data-testid="badge-display" aria-label={t('signin.badgeLabel')}>
            {badge || '\u00a0'}
          </output>
          {unknownBadge && (
            <p class="hint hint-error" role="alert">
              {t('signin.badgeUnknown', { badge: unknownBadge })}
            </p>
          )}
          <div class="badge-keys">
            {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
              <button type="button" class="key" key={d} data-testid={`badge-key-${d}`} onClick={() => badge.length < MAX_BADGE_DIGITS && setBadge(badge + d)}>
                {d}
              </button>
            ))}
            <button type="button" class="key key-fn" data-testid="badge-key-back" aria-label={t('pad.back')} onClick={() => setBadge(badge.slice(0, -1))}>
              ⌫
            </button>
            <button type="button" class="key" data-testid="badge-key-0" onClick={() => badge.length < MAX_BADGE_DIGITS && setBadge(`${badge}0`)}>
              0
            </button>
            <button type="button" class="key key-save" data-testid="badge-submit" disabled={!badge} onClick={() => void submitBadge()}>
              {t('signin.badgeSubmit')}
            </button>
          </div>
        </div>
      </div>
    </section>
  );
}
