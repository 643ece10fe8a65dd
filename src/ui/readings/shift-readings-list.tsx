/**
 * Every reading of this shift, newest first. Readings are never edited: a
 * corrected one stays in the list, struck through, next to the reading that
 * supersedes it, so the record shows what was typed and why it was changed.
 * A reading the server refused is listed too, on top, marked as refused with
 * the reason and the way forward (who may make it, or Discard): it never
 * looks saved, and it does not count anywhere.
 */
import { useMemo } from 'preact/hooks';
import type { KpiDefinition, KpiReading } from '../../domain/kpi/kpi-types.ts';
import type { Person } from '../../domain/people/people-types.ts';
import { formatClock, formatValue } from '../format.ts';
import { t } from '../i18n/t.ts';
import { newestFirst, supersededIds } from './shift-readings.ts';
import type { RefusedReading } from '../../db/readings/reading-data.ts';
import { refusedReadingText } from './reading-rights.ts';
import { rft } from './refused-messages.ts';
import { DiscardWithConfirm } from '../refused/refused-entry.tsx';

export interface ShiftReadingsListProps {
  readings: readonly KpiReading[];
  defs: ReadonlyMap<string, KpiDefinition>;
  people: ReadonlyMap<string, Person>;
  locale: string;
  timeZone: string;
  /** The signed-in person may correct here (the rule book's `correct_reading`); otherwise Correct is not offered. */
  mayCorrect: boolean;
  onCorrect(reading: KpiReading): void;
  /** This shift's readings the server refused, waiting for a decision. */
  refused?: readonly RefusedReading[];
  /** Discard is offered only with this (someone is signed in and the device keeps the refusal log). */
  onDiscard?(reading: KpiReading): Promise<void> | void;
}

export function ShiftReadingsList({ readings, defs, people, locale, timeZone, mayCorrect, onCorrect, refused = [], onDiscard }: ShiftReadingsListProps) {
  // One Intl formatter per time is costly (about a millisecond each on a tablet) and the list re-renders
  // with every new reading of the shift: each reading's time is formatted once.
  const timeOf = useMemo(() => {
    const times = new Map<string, string>();
    return (iso: string): string => {
      let text = times.get(iso);
      if (text === undefined) {
        text = formatClock(new Date(iso), locale, timeZone);
        times.set(iso, text);
      }
      return text;
    };
  }, [locale, timeZone]);
  const superseded = supersededIds(readings);
  const sorted = [...readings].sort(newestFirst);
  return (
    <section class="readings-list" aria-labelledby="list-title" data-testid="readings-list">
      <h2 id="list-title">{t('list.title')}</h2>
      {refused.length > 0 && (
        <ul class="refused-list" data-testid="refused-list">
          {[...refused]
            .sort((a, b) => newestFirst(a.reading, b.reading))
            .map((r) => {
              const def = defs.get(r.reading.kpiId);
              const value = def ? formatValue(r.reading.value, def.unit, locale, def.decimals) : String(r.reading.value);
              const name = def?.name ?? r.reading.kpiId;
              const words = refusedReadingText(r, people.get(r.reading.personId)?.name ?? t('list.unknownPerson'));
              return (
                <li key={r.reading.id} class="reading is-refused" data-testid={`reading-${r.reading.id}`} data-refused="true" role="alert">
                  <div class="reading-line">
                    <span class="reading-kpi">{name}</span>
                    <del class="reading-value">{value}</del>
                    <span class="badge badge-refused">{rft('refused.badge')}</span>
                  </div>
                  <p class="refused-reason" data-testid={`refused-reason-${r.reading.id}`}>
                    {words.reason}
                  </p>
                  <p class="refused-way" data-testid={`refused-way-${r.reading.id}`}>
                    {words.way}
                  </p>
                  <div class="reading-meta">
                    {t('list.by', {
                      time: timeOf(r.reading.recordedAt),
                      person: people.get(r.reading.personId)?.name ?? t('list.unknownPerson'),
                    })}
                  </div>
                  {onDiscard && (
                    // Asked once more first, as everywhere a refused entry is given up ([C-O7]).
                    <DiscardWithConfirm testId={`refused-${r.reading.id}`} whatText={`${name} ${value}`} onDiscard={() => onDiscard(r.reading)} />
                  )}
                </li>
              );
            })}
        </ul>
      )}
      {sorted.length === 0 ? (
        <p class="empty">{t('list.empty')}</p>
      ) : (
        <ul>
          {sorted.map((r) => {
            const def = defs.get(r.kpiId);
            const old = superseded.has(r.id);
            const value = def ? formatValue(r.value, def.unit, locale, def.decimals) : String(r.value);
            const name = def?.name ?? r.kpiId;
            return (
              <li key={r.id} class={`reading${old ? ' is-superseded' : ''}`} data-testid={`reading-${r.id}`} data-superseded={String(old)}>
                <div class="reading-line">
                  <span class="reading-kpi">{name}</span>
                  {old ? (
                    <del class="reading-value">{value}</del>
                  ) : (
                    <span class="reading-value">{value}</span>
                  )}
                  {old && <span class="badge">{t('list.superseded')}</span>}
                </div>
                <div class="reading-meta">
                  {t('list.by', {
                    time: timeOf(r.recordedAt),
                    person: people.get(r.personId)?.name ?? t('list.unknownPerson'),
                  })}
                  {r.correctionReason && <span class="reading-reason"> · {t('list.correction', { reason: r.correctionReason })}</span>}
                  {r.note && <span class="reading-note"> · {r.note}</span>}
                </div>
                {mayCorrect && !old && def && def.formula === null && (
                  <button
                    type="button"
                    class="btn btn-secondary"
                    data-testid={`correct-${r.id}`}
                    aria-label={t('list.correctLabel', { name, value })}
                    onClick={() => onCorrect(r)}
                  >
                    {t('list.correct')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
