/**
 * The problem the status line shows ([C-O3]). It comes from pushes or from the rest (pulls, the
 * stream, enrollment), kept apart: any answered request ends a problem of the rest, but only a
 * push the server answered ends a push problem. Pushes carry the unsent work, so "Synced just now"
 * from a pull must not hide that it cannot leave. The newer of the two is shown.
 *
 * Why a module of its own: which failure shows as which words on the floor is a UI promise
 * (src/ui/sync/messages.ts) that should change without touching replication.
 */
import type { SyncHttpError } from '../api-client.ts';
import type { Connectivity } from '../connectivity.ts';
import type { SyncError, SyncStatusStore } from '../status.ts';

export type ProblemSource = 'push' | 'link';

export interface ProblemsShown {
  report(kind: SyncError['kind'], message?: string, from?: ProblemSource): void;
  /** `onlyKind`: end the problem only if it is of this kind ("send again" ends only its own). */
  over(from: ProblemSource, onlyKind?: SyncError['kind']): void;
  /** A failed request in the floor's words: no network, server unreachable, server error, refused, stream lost. */
  describe(err: unknown, from?: ProblemSource): void;
}

export function problemsShown(status: SyncStatusStore, connectivity: Connectivity, now: () => number): ProblemsShown {
  const problems: Record<ProblemSource, { error: SyncError; seq: number } | null> = { push: null, link: null };
  let problemSeq = 0;

  function show(): void {
    const { push, link } = problems;
    const newest = push && link ? (push.seq > link.seq ? push : link) : (push ?? link);
    status.setState({ lastError: newest?.error ?? null, linkError: link?.error ?? null });
  }

  function report(kind: SyncError['kind'], message = '', from: ProblemSource = 'link'): void {
    problems[from] = { error: { kind, message, atMs: now() }, seq: ++problemSeq };
    show();
  }

  return {
    report,
    over(from, onlyKind) {
      const p = problems[from];
      if (!p || (onlyKind && p.error.kind !== onlyKind)) return;
      problems[from] = null;
      show();
    },
    describe(err, from = 'link') {
      const e = err as Partial<SyncHttpError> | null;
      if (e && typeof e.status === 'number') {
        if (e.status === 0) report(connectivity.isBrowserOnline() ? 'server_unreachable' : 'offline', '', from);
        else if (e.status >= 500) report('server_error', e.serverMessage ?? '', from);
        else report('refused', e.serverMessage ?? '', from);
      } else {
        report('stream_lost', '', from);
      }
    },
  };
}
