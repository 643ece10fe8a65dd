/**
 * The incoming lead's side: the handover to review (notes, safety items, the
 * KPI readings at handover), a checklist of the open items with a big check
 * button each and one "Acknowledge all", and the PIN pad to sign. The pad
 * sits beside the checklist so signing is: acknowledge, PIN, Sign.
 */
import { useState } from 'preact/hooks';
import type { DerivePin } from '../../domain/people/pin.ts';
import type { HandoverCheckIn } from '../../domain/handover/handover-types.ts';
import type { KpiDefinition } from '../../domain/kpi/kpi-types.ts';
import type { Person } from '../../domain/people/people-types.ts';
import type { Plant } from '../../domain/plant/plant-types.ts';
import { formatProductionDate, formatValue } from '../format.ts';
import type { Clock } from '../../domain/time/clock.ts';
import type { PinAttempts } from '../people/pin-attempts.ts';
import { SignWithPin } from '../people/sign-with-pin.tsx';
import { th } from './handover-messages.ts';

export interface HandoverReviewProps {
  checkIn: HandoverCheckIn;
  incoming: Person;
  outgoingName: string;
  plant: Plant;
  defs: readonly KpiDefinition[];
  /** Why these acknowledgements cannot be signed (in words for the leads), or ''. */
  validate(acknowledgedIds: string[]): string;
  /** The incoming lead's PIN was right. */
  onSigned(acknowledgedIds: string[]): void;
  onBack(): void;
  clock: Clock;
  derive?: DerivePin;
  attempts?: PinAttempts;
}

export function HandoverReview({ checkIn, incoming, outgoingName, plant, defs, validate, onSigned, onBack, clock, derive, attempts }: HandoverReviewProps) {
  const [acked, setAcked] = useState<ReadonlySet<string>>(() => new Set());
  const items = checkIn.openItems;
  const ackedIds = () => items.filter((i) => acked.has(i.id)).map((i) => i.id);
  const toggle = (id: string) =>
    setAcked((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const defById = new Map(defs.map((d) => [d.id, d]));
  const snapshot = Object.entries(checkIn.readingsSnapshot);
  const allAcked = items.every((i) => acked.has(i.id));

  return (
    <div class="handover-review" data-testid="handover-review">
      <div class="handover-column">
        <h3>{th('review.title', { name: incoming.name })}</h3>
        <p class="hint">{th('review.from', { out: outgoingName, code: checkIn.shiftCode, date: formatProductionDate(checkIn.productionDate, plant.locale) })}</p>

        <section class="handover-card" aria-labelledby="review-items-title">
          <h4 id="review-items-title">{th('review.items')}</h4>
          {items.length === 0 ? (
            <p class="empty">{th('items.none')}</p>
          ) : (
            <>
              <div class="handover-ack-head">
                <span data-testid="ack-count">{th('review.ackCount', { done: acked.size, total: items.length })}</span>
                <button type="button" class="btn btn-primary btn-big" data-testid="ack-all" disabled={allAcked} onClick={() => setAcked(new Set(items.map((i) => i.id)))}>
                  ✓ {th('review.ackAll', { count: items.length })}
                </button>
              </div>
              <ul class="handover-lines">
                {items.map((item) => {
                  const on = acked.has(item.id);
                  return (
                    <li key={item.id} class={`handover-line handover-ack${on ? ' is-acked' : ''}`} data-testid={`review-item-${item.id}`}>
                      <button
                        type="button"
                        class={`ack-check${on ? ' ack-on' : ''}`}
                        aria-pressed={on}
                        aria-label={th('review.ackLabel', { text: item.text })}
                        data-testid={`ack-${item.id}`}
                        onClick={() => toggle(item.id)}
                      >
                        <span aria-hidden="true">{on ? '✓' : ''}</span>
                      </button>
                      <span class="handover-line-text">
                        {item.text}
                        <small>
                          {th('items.since', { date: formatProductionDate(item.since, plant.locale) })} · {on ? th('review.acked') : th('review.ack')}
                        </small>
                      </span>
                    </li>
                  );
                })}
              </ul>
            </>
          )}
        </section>

        <section class="handover-card" aria-labelledby="review-safety-title">
          <h4 id="review-safety-title">{th('review.safety')}</h4>
          {checkIn.safetyItems.length === 0 ? (
            <p class="empty">{th('safety.none')}</p>
          ) : (
            <ul class="handover-lines" data-testid="review-safety">
              {checkIn.safetyItems.map((s, i) => (
                <li key={i} class="handover-line is-safety">
                  <span aria-hidden="true">⚠</span>
                  <span class="handover-line-text">{s}</span>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section class="handover-card" aria-labelledby="review-notes-title">
          <h4 id="review-notes-title">{th('review.notes')}</h4>
          <p class="handover-notes-text" data-testid="review-notes">
            {checkIn.notes || th('review.noNotes')}
          </p>
        </section>

        <section class="handover-card" aria-labelledby="review-readings-title">
          <h4 id="review-readings-title">{th('review.readings')}</h4>
          {snapshot.length === 0 ? (
            <p class="empty">{th('review.noReadings')}</p>
          ) : (
            <ul class="handover-kpis">
              {snapshot.map(([kpiId, value]) => {
                const d = defById.get(kpiId);
                return (
                  <li key={kpiId} class="handover-kpi">
                    <span class="handover-kpi-name">{d?.name ?? kpiId}</span>
                    <strong>{d ? formatValue(value, d.unit, plant.locale, d.decimals) : String(value)}</strong>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      </div>

      <div class="handover-column handover-sign">
        <SignWithPin
          person={incoming}
          submitLabel={th('review.sign')}
          precheck={() => validate(ackedIds()) || null}
          onSigned={() => onSigned(ackedIds())}
          onCancel={onBack}
          clock={clock}
          derive={derive}
          attempts={attempts}
        />
      </div>
    </div>
  );
}
