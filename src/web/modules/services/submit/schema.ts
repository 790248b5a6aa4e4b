// The e-form of a procedure: a JSON Schema object (the subset the catalogue uses) with UI hints.
// Answers are kept as typed text while the user edits (so "96,5" survives an autosave) and turned
// into JSON values when the dossier is sent; the checks mirror the server's form validation.

import { parseDate } from '../../../ui/dates.ts';
import { formatDate, formatNumber } from '../../../ui/format.ts';

type Translate = (key: string, params?: Record<string, unknown>) => string;

export interface PropSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  enum?: unknown[];
  enumNames?: string[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  default?: unknown;
  items?: PropSchema;
}

export interface FormSchema {
  title?: string;
  required?: string[];
  properties?: Record<string, PropSchema>;
}

export interface FormUi {
  'ui:order'?: string[];
  pages?: string[][];
  /** what each page asks about, in Vietnamese and English (the wizard's step names) */
  pageTitles?: string[];
  pageTitlesEn?: string[];
  [field: string]: unknown;
}

/** What the form holds for one field while it is edited. */
export type Answer = string | boolean | string[];
export type Answers = Record<string, Answer>;

export type Kind = 'text' | 'number' | 'integer' | 'boolean' | 'date' | 'choice' | 'choices';

export function kindOf(p: PropSchema): Kind {
  const type = Array.isArray(p.type) ? p.type.find((x) => x !== 'null') : p.type;
  if (type === 'boolean') return 'boolean';
  if (type === 'integer') return 'integer';
  if (type === 'number') return 'number';
  if (type === 'array') return 'choices';
  if (p.enum) return 'choice';
  if (p.format === 'date') return 'date';
  return 'text';
}

export function asSchema(value: Record<string, unknown>): FormSchema {
  return value as FormSchema;
}

/** Field names in display order: ui:order, then any property it left out. */
export function fieldOrder(schema: FormSchema, ui?: FormUi): string[] {
  const names = Object.keys(schema.properties ?? {});
  const ordered = (ui?.['ui:order'] ?? []).filter((n) => names.includes(n));
  return [...ordered, ...names.filter((n) => !ordered.includes(n))];
}

/** One group of questions per page when the procedure defines pages; otherwise one page. */
export function formPages(schema: FormSchema, ui?: FormUi): string[][] {
  const order = fieldOrder(schema, ui);
  const pages = (ui?.pages ?? [])
    .map((page) => page.filter((n) => order.includes(n)))
    .filter((page) => page.length > 0);
  if (pages.length === 0) return order.length ? [order] : [];
  const placed = new Set(pages.flat());
  const rest = order.filter((n) => !placed.has(n));
  return rest.length ? [...pages, rest] : pages;
}

export function widgetOf(ui: FormUi | undefined, name: string): string | undefined {
  const hint = ui?.[name] as { 'ui:widget'?: string } | undefined;
  return hint?.['ui:widget'];
}

/** Starting answers: the schema's defaults. */
export function initialAnswers(schema: FormSchema): Answers {
  const out: Answers = {};
  for (const [name, p] of Object.entries(schema.properties ?? {})) {
    const kind = kindOf(p);
    if (kind === 'boolean') out[name] = p.default === true;
    else if (kind === 'choices') out[name] = Array.isArray(p.default) ? p.default.map(String) : [];
    else if (kind === 'date' && typeof p.default === 'string') out[name] = formatDate(p.default);
    else out[name] = p.default === undefined || p.default === null ? '' : String(p.default);
  }
  return out;
}

/** The answers as sent (formData): empty answers left out, numbers as numbers. */
export function toFormData(schema: FormSchema, answers: Answers): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(schema.properties ?? {})) {
    const value = answers[name];
    const kind = kindOf(p);
    if (value === undefined) continue;
    if (kind === 'boolean') {
      out[name] = value === true;
      continue;
    }
    if (kind === 'choices') {
      if (Array.isArray(value) && value.length) out[name] = value;
      continue;
    }
    const text = typeof value === 'string' ? value.trim() : '';
    if (text === '') continue;
    if (kind === 'number' || kind === 'integer') {
      const n = parseNumber(text);
      out[name] = n === null ? text : n;
    } else if (kind === 'date') out[name] = parseDate(text) ?? text;
    else out[name] = text;
  }
  return out;
}

/** Numbers as people type them here: "96,5" or "96.5"; thousands are not grouped. */
export function parseNumber(text: string): number | null {
  const normal = text.replace(/\s/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(normal)) return null;
  return Number(normal);
}

const DIGITS = /^\^\[0-9\]\{(\d+)\}\$$/;

function patternMessage(p: PropSchema, t: Translate): string {
  const digits = p.pattern ? DIGITS.exec(p.pattern) : null;
  if (digits) return t('eform.digits', { n: digits[1] });
  if (p.pattern === '^0[0-9]{9,10}$') return t('eform.phone');
  return t('eform.pattern');
}

function checkOne(p: PropSchema, value: Answer | undefined, required: boolean, t: Translate) {
  const kind = kindOf(p);
  if (kind === 'boolean') return undefined;
  if (kind === 'choices') {
    const list = Array.isArray(value) ? value : [];
    if ((required || (p.minItems ?? 0) > 0) && list.length < Math.max(1, p.minItems ?? 1))
      return t('eform.choose_at_least', { n: Math.max(1, p.minItems ?? 1) });
    return undefined;
  }
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') return required ? t('eform.required') : undefined;
  if (kind === 'number' || kind === 'integer') {
    const n = parseNumber(text);
    if (n === null) return t(kind === 'integer' ? 'eform.integer' : 'eform.number');
    if (kind === 'integer' && !Number.isInteger(n)) return t('eform.integer');
    if (p.minimum !== undefined && n < p.minimum) return t('eform.min', { min: p.minimum });
    if (p.maximum !== undefined && n > p.maximum) return t('eform.max', { max: p.maximum });
    return undefined;
  }
  if (kind === 'choice') {
    return p.enum?.map(String).includes(text) ? undefined : t('eform.choose');
  }
  if (kind === 'date') return parseDate(text) ? undefined : t('eform.date');
  if (p.minLength !== undefined && text.length < p.minLength)
    return t('eform.min_length', { min: p.minLength });
  if (p.maxLength !== undefined && text.length > p.maxLength)
    return t('eform.max_length', { max: p.maxLength });
  if (p.pattern && !new RegExp(p.pattern, 'u').test(text)) return patternMessage(p, t);
  return undefined;
}

/** Problems with the answers of some fields (one page, or all), by field name. */
export function checkAnswers(
  schema: FormSchema,
  answers: Answers,
  names: readonly string[],
  t: Translate,
): Record<string, string> {
  const required = new Set(schema.required ?? []);
  const out: Record<string, string> = {};
  for (const name of names) {
    const p = schema.properties?.[name];
    if (!p) continue;
    const problem = checkOne(p, answers[name], required.has(name), t);
    if (problem) out[name] = problem;
  }
  return out;
}

/** A field's label: its title (the schema has no English titles), or its name. */
export function labelOf(schema: FormSchema, name: string): string {
  return schema.properties?.[name]?.title ?? name;
}

/** Shows a stored answer as read-only text (the official's view of the e-form). */
export function displayAnswer(p: PropSchema | undefined, value: unknown, t: Translate): string {
  if (value === undefined || value === null || value === '') return '';
  if (!p) return typeof value === 'object' ? JSON.stringify(value) : String(value);
  const names = (v: unknown, schema: PropSchema | undefined) => {
    const i = schema?.enum?.map(String).indexOf(String(v)) ?? -1;
    return i >= 0 && schema?.enumNames?.[i] ? schema.enumNames[i] : String(v);
  };
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (Array.isArray(value)) return value.map((v) => names(v, p.items)).join('; ');
  if (p.enum) return names(value, p);
  if (p.format === 'date' && typeof value === 'string') return formatDate(value);
  if (typeof value === 'number') return formatNumber(value, 4);
  return String(value);
}
