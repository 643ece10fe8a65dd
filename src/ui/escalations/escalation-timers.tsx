/**
 * The live figures of one escalation: time since raised, time to
 * acknowledge (running until someone answers, then frozen), the tier it is
 * at and who owns it, and "overdue" as icon + words. All from the shared
 * timer rules; `nowMs` is the server-corrected clock, ticking every second.
 */
import type { BoardEscalation } from '../../domain/board/escalation-board-order.ts';
import { formatDuration } from './escalation-format.ts';
import { et } from './escalation-messages.ts';

export interface TimerFigures {
  ageMs: number;
  acknowledge: BoardEscalation['acknowledge'];
  tier: number;
  tierLabel: string;
  ownerName: string | null;
  overdue: boolean;
  overdueByMs: number;
  nextTierInMs: number | null;
}

export function EscalationTimers({ f, testId }: { f: TimerFigures; testId: string }) {
  return (
    <div class="esc-timers" data-testid={testId}>
      <span class="esc-timer">
        <span class="esc-timer-label">{et('timer.sinceRaised')}</span>
        <strong class="esc-timer-value" data-testid={`${testId}-age`}>
          {formatDuration(f.ageMs)}
        </strong>
      </span>
      <span class="esc-timer" data-running={f.acknowledge.running}>
        <span class="esc-timer-label">{et('timer.toAck')}</span>
        <strong class="esc-timer-value" data-testid={`${testId}-ack`}>
          {formatDuration(f.acknowledge.ms)}
        </strong>
        <span class="esc-timer-note">
          <span aria-hidden="true">{f.acknowledge.running ? '⏳ ' : '✔ '}</span>
          {f.acknowledge.running ? et('timer.running') : et('timer.stopped')}
        </span>
      </span>
      {f.overdue && (
        <span class="esc-overdue" data-testid={`${testId}-overdue`}>
          <span aria-hidden="true">⚠ </span>
          {et('timer.overdue', { time: formatDuration(f.overdueByMs) })}
        </span>
      )}
      <span class="esc-tier" data-testid={`${testId}-tier`}>
        {et('tier', { tier: f.tier, label: f.tierLabel || '—' })}
      </span>
      <span class="esc-owner">{et('owner', { name: f.ownerName ?? et('owner.none') })}</span>
      {f.nextTierInMs !== null && f.acknowledge.running && <span class="esc-next">{et('timer.nextTier', { time: formatDuration(f.nextTierInMs) })}</span>}
    </div>
  );
}
