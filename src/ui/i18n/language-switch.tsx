/**
 * Two big buttons, "English" and "Deutsch", each named in its own language so a
 * person who cannot read the current one still finds theirs. The chosen one is
 * pressed (aria-pressed), filled and ticked: not told by colour alone. Switching
 * only changes `languageStore`; screens re-render in place, so whatever is being
 * typed stays where it is.
 */
import { useStore } from '../../state/use-store.ts';
import { LANGUAGE_NAMES, LANGUAGES, languageStore } from './language.ts';
import { t } from './t.ts';
import './i18n.css';

export interface LanguageSwitchProps {
  /** Extra class for where it sits (About panel, floor navigation). */
  class?: string;
}

export function LanguageSwitch({ class: extra }: LanguageSwitchProps) {
  const language = useStore(languageStore, (s) => s.language);
  const title = t('language.title');
  return (
    <div class={`language-switch${extra ? ` ${extra}` : ''}`} role="group" aria-label={title} data-testid="language-switch">
      <span class="language-switch-title" aria-hidden="true">
        {title}
      </span>
      {LANGUAGES.map((code) => {
        const chosen = code === language;
        return (
          <button
            key={code}
            type="button"
            lang={code}
            class={`btn language-choice${chosen ? ' btn-primary' : ' btn-secondary'}`}
            aria-pressed={chosen}
            data-testid={`language-${code}`}
            onClick={() => languageStore.getState().setLanguage(code)}
          >
            <span class="language-tick" aria-hidden="true">
              {chosen ? '✓' : ''}
            </span>
            {LANGUAGE_NAMES[code]}
          </button>
        );
      })}
    </div>
  );
}
