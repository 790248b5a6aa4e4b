import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];
const STORAGE_KEY = 'cqs_lang';

// Bundled at build time. Server messages (errors, e-mails) arrive already translated.
const files = import.meta.glob<Record<string, string>>('../../locales/*/web.json', {
  eager: true,
  import: 'default',
});

function resources() {
  const out: Record<string, Record<string, Record<string, string>>> = {};
  for (const [path, entries] of Object.entries(files)) {
    const match = /locales\/(\w+)\/(\w+)\.json$/.exec(path);
    if (!match) continue;
    const [, lang = '', ns = ''] = match;
    out[lang] ??= {};
    out[lang][ns] = entries;
  }
  return out;
}

export const isLang = (value: unknown): value is Lang => value === 'vi' || value === 'en';

function readCookie(name: string): string | undefined {
  return document.cookie
    .split(';')
    .map((part) => part.trim().split('='))
    .find(([key]) => key === name)?.[1];
}

/** The language chosen on this device, if any (localStorage first, then the cookie the server reads). */
export function storedLanguage(): Lang | null {
  let stored: string | null | undefined = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    stored = null;
  }
  stored ??= readCookie(STORAGE_KEY);
  return isLang(stored) ? stored : null;
}

function remember(lang: Lang) {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the cookie still carries the choice
  }
  // biome-ignore lint/suspicious/noDocumentCookie: the server reads this cookie to answer in the same language
  document.cookie = `${STORAGE_KEY}=${lang}; path=/; max-age=31536000; SameSite=Lax`;
}

export function currentLanguage(): Lang {
  return isLang(i18next.language) ? i18next.language : 'vi';
}

/** Switches the interface language and remembers it on this device. */
export async function setLanguage(lang: Lang): Promise<void> {
  remember(lang);
  await i18next.changeLanguage(lang);
}

i18next.on('languageChanged', (lang) => {
  document.documentElement.lang = lang;
});

void i18next.use(initReactI18next).init({
  resources: resources(),
  lng: storedLanguage() ?? 'vi',
  fallbackLng: 'vi',
  supportedLngs: LANGS,
  ns: ['web'],
  defaultNS: 'web',
  keySeparator: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = currentLanguage();

export default i18next;
