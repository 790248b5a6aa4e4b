import { readdirSync, readFileSync } from 'node:fs';
import { PATHS } from '../paths.ts';
import { join } from 'node:path';

// Server-side translation over the same locale files the web client uses (src/locales/<lang>/<ns>.json).
export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'vi';

const localesDir = PATHS.locales;

type Catalogue = Record<string, string>;
const catalogues = new Map<Language, Catalogue>();

function load(lang: Language): Catalogue {
  let cat = catalogues.get(lang);
  if (cat) return cat;
  cat = {};
  for (const file of readdirSync(join(localesDir, lang)).filter((f) => f.endsWith('.json'))) {
    const ns = file.replace(/\.json$/, '');
    const entries = JSON.parse(readFileSync(join(localesDir, lang, file), 'utf8')) as Record<string, string>;
    for (const [key, value] of Object.entries(entries)) cat[`${ns}:${key}`] = value;
  }
  catalogues.set(lang, cat);
  return cat;
}

/** Translates "ns:key" with {{param}} interpolation; falls back to Vietnamese, then to the key itself. */
export function t(lang: Language, key: string, params: Record<string, unknown> = {}): string {
  const template = load(lang)[key] ?? load(DEFAULT_LANGUAGE)[key] ?? key;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** Whether "ns:key" has a text in the language (or in Vietnamese, its fallback). */
export function hasText(lang: Language, key: string): boolean {
  return key in load(lang) || key in load(DEFAULT_LANGUAGE);
}

/**
 * The request's language: the page's choice (`preferred`, the cqs_lang cookie), else the Accept-Language
 * header (q-values honoured; the web app sends the page's language), else `fallback` (the account's
 * saved language, for clients that say nothing), else the default. The account's saved language never
 * overrides what the request asks for.
 */
export function pickLanguage(
  acceptLanguage: string | undefined,
  preferred?: string | null,
  fallback?: string | null,
): Language {
  const supported = (l: string | null | undefined): l is Language =>
    !!l && (LANGUAGES as readonly string[]).includes(l);
  if (supported(preferred)) return preferred;
  if (!acceptLanguage) return supported(fallback) ? fallback : DEFAULT_LANGUAGE;
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', q] = part.trim().split(';q=');
      return { lang: tag.toLowerCase().slice(0, 2), q: q ? Number(q) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { lang } of ranked) if ((LANGUAGES as readonly string[]).includes(lang)) return lang as Language;
  return DEFAULT_LANGUAGE;
}

/** Vietnamese letters without their marks: "Đăng ký" → "Dang ky". */
export function withoutDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

/**
 * Text folded to printable ASCII without quote or backslash (Vietnamese without its diacritics, đ → d),
 * for protocol fields that allow nothing else: OAuth 2.0 `error_description` (RFC 6749 §5.2) and the
 * parameters of a `WWW-Authenticate` challenge (RFC 6750 §3).
 */
export function asciiText(text: string): string {
  return withoutDiacritics(text)
    .replace(/[\u2018\u2019\u201c\u201d"]/g, "'")
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, '');
}
