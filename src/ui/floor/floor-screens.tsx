/**
 * Everything on a line tablet beyond the reading screen, loaded after that
 * screen is up: the navigation between the floor's screens (readings,
 * problems, handover, plant board), the "Raise problem" button on every
 * screen, the pending-handover banner on the start screen, the tier timer
 * that moves unacknowledged escalations up even while offline, and the idle
 * sign-out of the shared tablet, which covers every floor screen from here
 * (the navigation is on all of them).
 */
import type { DeviceKind } from '../../domain/people/people-types.ts';
import type { DraftStore } from '../../state/draft-store.ts';
import type { LineScreenProps } from '../screen-props.ts';
import { useStore } from '../../state/use-store.ts';
import { useAutoEscalation } from '../escalations/auto-escalation.ts';
import { EscalationsScreen } from '../escalations/escalations-screen.tsx';
import { RaiseEscalation } from '../escalations/raise-escalation.tsx';
import { HandoverScreen } from '../handover/handover-screen.tsx';
import { PendingHandoverBanner } from '../handover/pending-handover-banner.tsx';
import { useIdleSignOut } from '../people/use-idle-sign-out.ts';
import { languageStore } from '../i18n/language.ts';
import { fm } from './floor-messages.ts';
import './floor.css';

export type FloorView = 'readings' | 'escalations' | 'handover';

export interface FloorProps extends LineScreenProps {
  deviceKind: DeviceKind;
  /** Unsaved typing kept per person (src/state/draft-store.ts). */
  drafts: DraftStore;
}

export interface FloorNavProps extends FloorProps {
  view: FloorView;
  onView(view: FloorView): void;
  onBoard(): void;
}

export function FloorNav({ view, onView, onBoard, ...p }: FloorNavProps) {
  useStore(languageStore, (s) => s.language);
  // Wall screens write nothing, so they never append tier steps either.
  useAutoEscalation(p.db, p.setup.plant, p.clock, { session: p.session, enabled: p.deviceKind !== 'wall_screen' });
  // Whoever walks away from the shared tablet is signed out after the plant's idle time, on every
  // floor screen, but never while a number pad or form holds unsaved input.
  useIdleSignOut(p.session, p.setup.plant.idleSignOutMinutes, p.clock, { isBusy: () => p.ui.getState().entryInProgress });
  const tab = (v: FloorView, label: string) => (
    <button type="button" class="btn floor-tab" aria-pressed={view === v} data-testid={`nav-${v}`} onClick={() => onView(v)}>
      {label}
    </button>
  );
  return (
    <>
      <nav class="floor-nav" aria-label={fm('nav.label')}>
        {tab('readings', fm('nav.readings'))}
        {tab('escalations', fm('nav.escalations'))}
        {tab('handover', fm('nav.handover'))}
        <button type="button" class="btn floor-tab" data-testid="nav-board" onClick={onBoard}>
          {fm('nav.board')}
        </button>
        {/* The problems screen has its own Raise button; one on screen is enough. */}
        {view !== 'escalations' && (
          <span class="floor-nav-raise">
            <RaiseEscalation db={p.db} session={p.session} ui={p.ui} clock={p.clock} random={p.random} plant={p.setup.plant} deviceKind={p.deviceKind} />
          </span>
        )}
      </nav>
      {view === 'readings' && (
        <PendingHandoverBanner db={p.db} setup={p.setup} session={p.session} ui={p.ui} clock={p.clock} random={p.random} />
      )}
    </>
  );
}

export function FloorScreen({ view, onDone, ...p }: FloorProps & { view: Exclude<FloorView, 'readings'>; onDone(): void }) {
  if (view === 'escalations') {
    return (
      <EscalationsScreen db={p.db} session={p.session} ui={p.ui} clock={p.clock} random={p.random} plant={p.setup.plant} deviceKind={p.deviceKind} drafts={p.drafts} />
    );
  }
  return <HandoverScreen db={p.db} setup={p.setup} session={p.session} ui={p.ui} clock={p.clock} random={p.random} onDone={onDone} drafts={p.drafts} />;
}
