// The public pages' words, from src/locales/<lang>/portal.json for the five portal languages
// (Japanese, Korean and Chinese fall back to English, then Vietnamese, key by key).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PATHS } from '../../../platform/paths.ts';
import { PORTAL_LANGS, type PortalLang } from '../languages.ts';

type Catalogue = Record<string, string>;
const catalogues = new Map<PortalLang, Catalogue>();

function load(lang: PortalLang): Catalogue {
  let cat = catalogues.get(lang);
  if (!cat) {
    const file = join(PATHS.locales, lang, 'portal.json');
    cat = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Catalogue) : {};
    catalogues.set(lang, cat);
  }
  return cat;
}

export type Translate = (key: string, params?: Record<string, string | number>) => string;

export function translator(lang: PortalLang): Translate {
  const chain = [load(lang), load('en'), load('vi')];
  return (key, params = {}) => {
    const template = chain.find((c) => c[key] !== undefined)?.[key] ?? key;
    return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? ''));
  };
}

/** Whether a language has its own words for a key (the investment section must, in all five). */
export const hasOwn = (lang: PortalLang, key: string) => load(lang)[key] !== undefined;
export const ALL_LANGS = PORTAL_LANGS;
