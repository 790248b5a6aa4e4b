import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import vi from '../../locales/vi/web.json';

export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];
const STORAGE_KEY = 'cqs_lang';

// Vietnamese is bundled (it is the default and every language's fallback); other languages are
// separate files fetched only when chosen, so a page loads one language's strings, not all of them.
// Server messages (errors, e-mails) arrive already translated.
const loaders: Record<Exclude<Lang, 'vi'>, () => Promise<Record<string, string>>> = {
  en: () => import('../../locales/en/web.json').then((m) => m.default),
};

/** Fetches a language's strings once, before it is shown. */
async function load(lang: Lang): Promise<void> {
  if (lang === 'vi' || i18next.hasResourceBundle(lang, 'web')) return;
  i18next.addResourceBundle(lang, 'web', await loaders[lang]());
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
  await load(lang);
  await i18next.changeLanguage(lang);
}

i18next.on('languageChanged', (lang) => {
  document.documentElement.lang = lang;
});

const initial = storedLanguage() ?? 'vi';
void i18next.use(initReactI18next).init({
  resources: { vi: { web: vi } },
  partialBundledLanguages: true,
  lng: 'vi',
  fallbackLng: 'vi',
  supportedLngs: LANGS,
  ns: ['web'],
  defaultNS: 'web',
  keySeparator: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = currentLanguage();

/** Settles once the language chosen on this device has its strings (at once for Vietnamese). */
export const i18nReady: Promise<void> =
  initial === 'vi'
    ? Promise.resolve()
    : load(initial)
        .then(() => i18next.changeLanguage(initial))
        .then(
          () => undefined,
          () => undefined, // offline: the page stays in Vietnamese
        );

export default i18next;
