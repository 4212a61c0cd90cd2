// i18next set up once per app with the three languages; the API client follows the UI language.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from './api.js';
import { LANGUAGES, isLanguage, type Language } from '../../common/statuses.js';

export { LANGUAGES, type Language };

const STORAGE_KEY = 'dialog.language';

/** The language remembered from a previous visit, else the browser's, else Russian. */
export function preferredLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(saved)) return saved;
  } catch {
    // Storage can be disabled; the browser's language is good enough then.
  }
  const browser = navigator.language.slice(0, 2);
  return isLanguage(browser) ? browser : 'ru';
}

/** One language's strings; an app passes only the parts it shows (the booth leaves out the office's and site's). */
export type Catalogue = Record<string, unknown>;

export function setupI18n(initial: Language, catalogues: Record<Language, Catalogue>): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: {
      kk: { translation: catalogues.kk },
      ru: { translation: catalogues.ru },
      en: { translation: catalogues.en },
    },
    lng: initial,
    fallbackLng: 'ru',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyLanguage(initial);
  return i18next;
}

function applyLanguage(language: Language): void {
  setApiLanguage(language);
  document.documentElement.lang = language;
}

export function changeLanguage(language: Language, remember = true): void {
  applyLanguage(language);
  void i18next.changeLanguage(language);
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // Not remembering is harmless.
    }
  }
}

export function currentLanguage(): Language {
  const lng = i18next.language;
  return isLanguage(lng) ? lng : 'ru';
}

/** Each language's own name, written in that language (never translated). */
export const LANGUAGE_NAMES: Record<Language, string> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };
