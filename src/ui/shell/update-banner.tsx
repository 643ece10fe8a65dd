/**
 * "A new version is ready — Reload". The app never reloads itself: the
 * person decides, and while a number pad is open or input is unsaved the
 * Reload button is withheld until the entry is finished.
 */
import type { UiStore } from '../../state/ui-store.ts';
import { useStore } from '../../state/use-store.ts';
import { t } from '../i18n/t.ts';

export function UpdateBanner({ ui }: { ui: UiStore }) {
  const available = useStore(ui, (s) => s.updateAvailable);
  const busy = useStore(ui, (s) => s.entryInProgress);
  const apply = useStore(ui, (s) => s.applyUpdate);
  if (!available) return null;
  const reload = () => {
    // Re-check at the moment of the tap: the pad may have opened since render.
    if (ui.getState().entryInProgress) return;
    apply?.();
  };
  return (
    <div class="update-banner" role="status" data-testid="update-banner">
      <span>{t('update.available')}</span>
      {busy ? (
        <span class="hint">{t('update.waitEntry')}</span>
      ) : (
        <button type="button" class="btn btn-primary" data-testid="update-reload" onClick={reload}>
          {t('update.reload')}
        </button>
      )}
    </div>
  );
}
