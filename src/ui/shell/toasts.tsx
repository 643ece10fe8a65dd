/**
 * On-screen confirmations ("Saved · 87.5 % OEE · 14:32"). They stay a few
 * seconds and can be tapped away; the saved one carries role="status" so
 * screen readers announce it.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { Toast, UiStore } from '../../state/ui-store.ts';
import { useStore } from '../../state/use-store.ts';
import { t } from '../i18n/t.ts';

// Long enough to read at arm's length after looking back up from the machine.
export const TOAST_MS = 6000;

export function Toasts({ ui }: { ui: UiStore }) {
  const toasts = useStore(ui, (s) => s.toasts);
  return (
    <div class="toasts">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} onDismiss={() => ui.getState().dismissToast(toast.id)} />
      ))}
    </div>
  );
}

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss(): void }) {
  // The list passes a new onDismiss every render: the timer runs once per toast, not once per render.
  const dismiss = useRef(onDismiss);
  dismiss.current = onDismiss;
  useEffect(() => {
    const timer = setTimeout(() => dismiss.current(), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast.id]);
  return (
    <div
      class={`toast toast-${toast.kind}`}
      role={toast.kind === 'error' ? 'alert' : 'status'}
      data-testid={toast.kind === 'saved' ? 'saved-toast' : `toast-${toast.kind}`}
    >
      <span>{toast.text}</span>
      <button type="button" class="btn btn-ghost" aria-label={t('common.dismiss')} onClick={onDismiss}>
        ✕
      </button>
    </div>
  );
}
