// Every string a user reads comes from src/locales: both languages hold the same keys with the same
// placeholders, and every key the code names literally exists (issue 11, item 12). A raw key or an
// unreplaced {{placeholder}} on a page starts as one of these mistakes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../src/contracts/identity.ts';

const ROOT = join(import.meta.dirname, '../..');
const LOCALES = join(ROOT, 'src/locales');
const PLURAL = /_(zero|one|two|few|many|other)$/;

const read = (lang: string, file: string) =>
  JSON.parse(readFileSync(join(LOCALES, lang, file), 'utf8')) as Record<string, string>;
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!).sort();

/** Keys without their plural suffix, with the placeholders of all their forms. */
function byBaseKey(strings: Record<string, string>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [key, text] of Object.entries(strings)) {
    const base = key.replace(PLURAL, '');
    const set = out.get(base) ?? new Set<string>();
    for (const p of placeholders(text)) if (p !== 'count') set.add(p);
    out.set(base, set);
  }
  return out;
}

function sourceFiles(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path, ext);
    return ext.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const files = readdirSync(join(LOCALES, 'vi')).sort();
// Date patterns whose parts differ by language: the caller passes every part (platform/calendar).
const OWN_PARTS = new Set([
  'calendar.json:format.date',
  'calendar.json:format.day',
  'calendar.json:format.range_same_month',
]);

describe('the locale files', () => {
  it('exist in both languages', () => {
    expect(readdirSync(join(LOCALES, 'en')).sort()).toEqual(files);
  });

  it.each(files)('%s: the same keys and the same placeholders in Vietnamese and English', (file) => {
    const vi = byBaseKey(read('vi', file));
    const en = byBaseKey(read('en', file));
    expect(
      [...en.keys()].filter((k) => !vi.has(k)),
      'keys only in English',
    ).toEqual([]);
    expect(
      [...vi.keys()].filter((k) => !en.has(k)),
      'keys only in Vietnamese',
    ).toEqual([]);
    const differ = [...vi.keys()].filter(
      (k) =>
        !OWN_PARTS.has(`${file}:${k}`) &&
        [...(vi.get(k) ?? [])].sort().join() !== [...(en.get(k) ?? [])].sort().join(),
    );
    expect(differ, 'placeholders that differ between the languages').toEqual([]);
  });

  it.each(files)('%s: no empty string and no text left as its key', (file) => {
    for (const lang of ['vi', 'en']) {
      const bad = Object.entries(read(lang, file))
        .filter(([key, text]) => text.trim() === '' || text === key)
        .map(([key]) => `${lang}:${key}`);
      expect(bad).toEqual([]);
    }
  });
});

describe('the keys the code names', () => {
  it('every permission has a name in both languages, and every permission the server checks is one', () => {
    const known = new Set<string>(PERMISSIONS);
    for (const lang of ['vi', 'en']) {
      const web = read(lang, 'web.json');
      expect(
        PERMISSIONS.filter((p) => !(`permission.${p}` in web)),
        lang,
      ).toEqual([]);
    }
    const checked = new Set<string>();
    for (const path of sourceFiles(join(ROOT, 'src/server'), /\.ts$/)) {
      const text = readFileSync(path, 'utf8');
      for (const m of text.matchAll(
        /(?:permission: |permissions: \[[^\]]*?|includes\()'([a-z]+\.(?:manage|read|receive|process|approve|handover|reconcile|triage|handle|lead|view|operate|edit|review))'/g,
      ))
        checked.add(m[1]!);
    }
    expect([...checked].filter((p) => !known.has(p))).toEqual([]);
    expect(checked.size).toBeGreaterThan(15);
  });

  const has = (strings: Record<string, string>, key: string) =>
    key in strings || `${key}_other` in strings || `${key}_one` in strings;

  it('every audit action the server records has a name and a group in both languages', () => {
    const actions = new Set<string>();
    for (const path of sourceFiles(join(ROOT, 'src/server'), /\.ts$/))
      for (const m of readFileSync(path, 'utf8').matchAll(/action: '([a-z_]+\.[a-z_.]+)'/g))
        actions.add(m[1]!);
    expect(actions.size).toBeGreaterThan(80);
    for (const lang of ['vi', 'en']) {
      const web = read(lang, 'web.json');
      const unnamed = [...actions].filter(
        (a) => !(`audit.action.${a}` in web) || !(`audit.group.${a.split('.')[0]}.` in web),
      );
      expect(unnamed, lang).toEqual([]);
    }
  });

  it('every literal t("…") of the web app is in web.json', () => {
    const web = read('vi', 'web.json');
    const missing: string[] = [];
    let named = 0;
    for (const path of sourceFiles(join(ROOT, 'src/web'), /\.tsx?$/)) {
      const text = readFileSync(path, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*['"]([a-z0-9_]+(?:\.[a-z0-9_]+)+)['"]/g)) {
        named++;
        if (!has(web, m[1]!)) missing.push(`${relative(ROOT, path)}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
    expect(named).toBeGreaterThan(1000);
  });

  it('every literal t(lang, "namespace:key") of the server is in its namespace', () => {
    const missing: string[] = [];
    let named = 0;
    for (const path of sourceFiles(join(ROOT, 'src/server'), /\.ts$/)) {
      const text = readFileSync(path, 'utf8');
      for (const m of text.matchAll(/['"`]([a-z]+):([a-z0-9_]+(?:\.[a-z0-9_]+)+)['"`]/g)) {
        const [, ns, key] = m;
        if (!files.includes(`${ns}.json`)) continue;
        named++;
        if (!has(read('vi', `${ns}.json`), key!)) missing.push(`${relative(ROOT, path)}: ${ns}:${key}`);
      }
    }
    expect(missing).toEqual([]);
    expect(named).toBeGreaterThan(10);
  });
});
