import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { languages, type Language } from '@jimmy/contracts';
import { ptBR } from './pt-BR.js';
import { en } from './en.js';

const STORAGE_KEY = 'jimmy.language';
const defaultLanguage: Language = 'pt-BR';

const resources = {
  'pt-BR': { translation: ptBR },
  en: { translation: en },
} as const;

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return isLanguage(saved) ? saved : defaultLanguage;
  } catch {
    return defaultLanguage;
  }
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : defaultLanguage;
}

/** Switches the UI language and remembers it in this browser; the server profile is the caller's business. */
export async function applyLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode may refuse storage; the switch still works for this tab.
  }
  document.documentElement.lang = language;
  if (i18n.language !== language) await i18n.changeLanguage(language);
}

const initial = storedLanguage();
document.documentElement.lang = initial;

void i18n.use(initReactI18next).init({
  resources,
  lng: initial,
  fallbackLng: defaultLanguage,
  supportedLngs: [...languages],
  interpolation: { escapeValue: false }, // React already escapes what it renders.
  returnNull: false,
  showSupportNotice: false,
});
