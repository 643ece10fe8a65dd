/**
 * The language the screens speak. One small store for all message catalogues, so
 * switching language re-renders every screen in place: nothing is remounted, so
 * nothing a person is typing is lost.
 */
import { createStore } from 'zustand/vanilla';

export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', de: 'Deutsch' };

const KEY = 'tierboard.language';

function initialLanguage(): Language {
  try {
    const saved = globalThis.localStorage?.getItem(KEY);
    if (saved === 'en' || saved === 'de') return saved;
  } catch {
    // Storage blocked: fall back to the browser's language.
  }
  const browser = globalThis.navigator?.language?.slice(0, 2);
  return browser === 'de' ? 'de' : 'en';
}

export const languageStore = createStore<{ language: Language; setLanguage(language: Language): void }>()((set) => ({
  language: initialLanguage(),
  setLanguage: (language) => {
    set({ language });
    try {
      globalThis.localStorage?.setItem(KEY, language);
    } catch {
      // Remembering the choice is a convenience; the switch itself already happened.
    }
  },
}));

export const currentLanguage = (): Language => languageStore.getState().language;

/**
 * The page's `lang` follows the chosen language, so screen readers pronounce German
 * as German and the browser hyphenates long German words (Schichtübergabe) correctly.
 */
function markDocument(language: Language): void {
  if (globalThis.document?.documentElement) globalThis.document.documentElement.lang = language;
}
markDocument(currentLanguage());
languageStore.subscribe((s) => markDocument(s.language));
