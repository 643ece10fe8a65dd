/**
 * Signs the person out of a shared tablet after the plant's idle time
 * (Plant.idleSignOutMinutes): any tap or key press anywhere counts as
 * activity. Mount it once, in the shell, while the app runs.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { SessionStore } from '../../state/session-store.ts';
import type { Clock } from '../../domain/time/clock.ts';

/**
 * Idle limits are whole minutes; looking four times a minute signs out at most
 * 15 s late, which nobody at the line notices, and costs nothing.
 */
export const IDLE_CHECK_MS = 15_000;

export interface IdleSignOutOptions {
  /** True while unsaved input is open (a number pad): sign-out waits until it is closed. */
  isBusy?(): boolean;
  /** Called when this hook signed someone out (e.g. to show "Signed out after 5 min"). */
  onSignedOut?(): void;
}

export function useIdleSignOut(session: SessionStore, idleMinutes: number, clock: Clock, options: IdleSignOutOptions = {}): void {
  const opts = useRef(options);
  opts.current = options;
  useEffect(() => {
    const activity = () => {
      const s = session.getState();
      if (s.personId) s.touch(clock.now());
    };
    const check = () => {
      if (opts.current.isBusy?.()) {
        // Input in progress is activity too: the idle time counts from when it is closed.
        activity();
        return;
      }
      if (session.getState().expireIdle(clock.now(), idleMinutes)) opts.current.onSignedOut?.();
    };
    // Capture phase: a tap that a component stops from bubbling still counts.
    window.addEventListener('pointerdown', activity, true);
    window.addEventListener('keydown', activity, true);
    const timer = setInterval(check, IDLE_CHECK_MS);
    return () => {
      window.removeEventListener('pointerdown', activity, true);
      window.removeEventListener('keydown', activity, true);
      clearInterval(timer);
    };
  }, [session, idleMinutes, clock]);
}
