/**
 * Editable document templates: an AdministrativeDocument whose strings hold `{{path | filter}}`
 * placeholders and whose list entries may carry `each` (repeat per item of a list) and `if`
 * (keep only when truthy; `!path` negates).
 *
 * Safe by construction: a placeholder is a dotted path of own data properties (no calls, no
 * getters, no `__proto__`/`constructor`/`prototype`), followed by filters from a fixed list. A
 * value is inserted as plain text in one pass, so text that looks like a placeholder inside a
 * value is never expanded.
 */
import type {
  AdministrativeDocument,
  Block,
  DocumentHeader,
  DocumentMeta,
  FieldItem,
  FieldsBlock,
  ListBlock,
  ParagraphBlock,
  QrCode,
  RichText,
  Signature,
  SpacerBlock,
  TableBlock,
  TextRun,
} from './document.js';
import {
  formatDate,
  formatDateTime,
  formatLongDate,
  formatMoney,
  formatNumber,
  formatTime,
} from './format.js';

export interface Control {
  /** Path of a list: the entry is repeated once per item, the item named by `as`. */
  each?: string;
  /** Name of the current item inside `each` ("item" when omitted); `$index` counts from 1. */
  as?: string;
  /** Path whose value must be truthy (a non-empty list counts); `!path` negates. */
  if?: string;
}

export type TemplateRun = TextRun & Control;
export type TemplateRichText = string | TemplateRun[];
export type TemplateListItem = string | ({ text: TemplateRichText } & Control);
export type TemplateRow = string[] | ({ cells: string[] } & Control);
export type TemplateRecipient = string | ({ text: string } & Control);

export type TemplateBlock =
  | (Omit<ParagraphBlock, 'text'> & { text: TemplateRichText } & Control)
  | (Omit<FieldsBlock, 'items'> & { items: (FieldItem & Control)[] } & Control)
  | (Omit<ListBlock, 'items'> & { items: TemplateListItem[] } & Control)
  | (Omit<TableBlock, 'rows'> & { rows: TemplateRow[] } & Control)
  | (SpacerBlock & Control);

export interface DocumentTemplate
  extends Omit<AdministrativeDocument, 'body' | 'signatures' | 'recipients' | 'qr'> {
  body: TemplateBlock[];
  signatures?: (Signature & Control)[];
  recipients?: TemplateRecipient[];
  qr?: QrCode & Pick<Control, 'if'>;
}

export type TemplateIssueKind =
  | 'syntax'
  | 'forbidden'
  | 'unknown-filter'
  | 'unresolved'
  | 'not-text'
  | 'not-a-list'
  | 'bad-value';

export interface TemplateIssue {
  kind: TemplateIssueKind;
  /** Where in the template: "body[3].rows[0].cells[1]". */
  at: string;
  /** The placeholder or control expression as written. */
  expression: string;
}

/** Mistakes in the template itself: filling refuses them; missing data only prints blank. */
const FATAL: ReadonlySet<TemplateIssueKind> = new Set(['syntax', 'forbidden', 'unknown-filter']);

export class TemplateError extends Error {
  override name = 'TemplateError';
  constructor(readonly issues: TemplateIssue[]) {
    super(issues.map((i) => `${i.kind} at ${i.at}: ${i.expression}`).join('; '));
  }
}

const toUpper = (v: unknown) => (typeof v === 'string' ? v.toLocaleUpperCase('vi-VN') : undefined);
const toLower = (v: unknown) => (typeof v === 'string' ? v.toLocaleLowerCase('vi-VN') : undefined);

/** The only functions a template can reach. */
export const TEMPLATE_FILTERS: Readonly<Record<string, (value: unknown) => string | undefined>> = {
  date: formatDate,
  datetime: formatDateTime,
  time: formatTime,
  longdate: formatLongDate,
  money: formatMoney,
  number: formatNumber,
  upper: toUpper,
  lower: toLower,
};

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const SEGMENT = /^(?:[A-Za-z_$][\w$]*|\d+)$/;
const NAME = /^[A-Za-z_][\w]*$/;
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
// Control characters other than the line feed have no business in a printed document.
const CONTROL_CHARS = /(?!\n)\p{Cc}/gu;

interface Scope {
  /** The caller's context, read through own data properties only. */
  data: object;
  /** Names bound by `each`: the current item and `$index`. */
  locals: ReadonlyMap<string, unknown>;
  /** Names bound to a list item that the sample context cannot show (validation only). */
  unknown: ReadonlySet<string>;
}

type Path = { segments: string[] } | { issue: 'syntax' | 'forbidden' };

function parsePath(expression: string): Path {
  const segments = expression.split('.');
  if (segments.some((s) => FORBIDDEN.has(s))) return { issue: 'forbidden' };
  if (!segments.every((s) => SEGMENT.test(s))) return { issue: 'syntax' };
  return { segments };
}

/** Own data properties only (a string's too): getters are never run, prototypes never reached. */
function ownValue(container: unknown, key: string): unknown {
  if (container === null || (typeof container !== 'object' && typeof container !== 'string'))
    return undefined;
  const descriptor = Object.getOwnPropertyDescriptor(container, key);
  return descriptor && 'value' in descriptor ? (descriptor.value as unknown) : undefined;
}

function isControl(entry: unknown): entry is Control {
  return typeof entry === 'object' && entry !== null && !Array.isArray(entry);
}

function truthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

function plainText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return undefined;
}

const MISSING = Symbol('missing');
const UNKNOWN = Symbol('unknown');
const INVALID = Symbol('invalid');

class Filler {
  readonly issues: TemplateIssue[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly checking: boolean,
    private readonly missing = '',
  ) {}

  private report(kind: TemplateIssueKind, at: string, expression: string) {
    const key = `${kind}\u0000${at}\u0000${expression}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.issues.push({ kind, at, expression });
  }

  /**
   * The value at a path: MISSING when absent, UNKNOWN inside a list the sample left empty,
   * INVALID (reported as `shown`) when the path itself is malformed or unsafe.
   */
  private lookup(expression: string, scope: Scope, at: string, shown: string): unknown {
    const path = parsePath(expression.trim());
    if ('issue' in path) {
      this.report(path.issue, at, shown);
      return INVALID;
    }
    const [root, ...rest] = path.segments;
    if (root === undefined) return MISSING;
    if (scope.unknown.has(root)) return UNKNOWN;
    let value: unknown = scope.locals.has(root) ? scope.locals.get(root) : ownValue(scope.data, root);
    for (const segment of rest) value = ownValue(value, segment);
    return value === undefined || value === null ? MISSING : value;
  }

  text(template: string, scope: Scope, at: string): string {
    const outside = template.replace(PLACEHOLDER, '');
    if (outside.includes('{{') || outside.includes('}}')) this.report('syntax', at, template);
    return template.replace(PLACEHOLDER, (_match, inner: string) => this.placeholder(inner, scope, at));
  }

  private placeholder(inner: string, scope: Scope, at: string): string {
    const expression = `{{${inner}}}`;
    const [pathPart = '', ...filterNames] = inner.split('|').map((p) => p.trim());
    const filters = filterNames.map((name) => {
      const filter = Object.hasOwn(TEMPLATE_FILTERS, name) ? TEMPLATE_FILTERS[name] : undefined;
      if (!filter) this.report('unknown-filter', at, expression);
      return filter;
    });
    if (!pathPart) {
      this.report('syntax', at, expression);
      return '';
    }
    const value = this.lookup(pathPart, scope, at, expression);
    if (value === UNKNOWN || value === INVALID) return '';
    if (value === MISSING) {
      if (this.checking) this.report('unresolved', at, expression);
      return this.missing;
    }
    let text = plainText(value);
    if (text === undefined) {
      this.report('not-text', at, expression);
      return '';
    }
    let current: unknown = value;
    // An empty value stays empty: there is nothing to format.
    for (const filter of text === '' ? [] : filters) {
      const out = filter?.(current);
      if (out === undefined) {
        if (filter) this.report('bad-value', at, expression);
        break;
      }
      text = out;
      current = out;
    }
    return text.replace(CONTROL_CHARS, '');
  }

  private test(condition: string, scope: Scope, at: string): boolean {
    const negate = condition.trim().startsWith('!');
    const value = this.lookup(negate ? condition.trim().slice(1) : condition, scope, at, `if: ${condition}`);
    if (value === INVALID) return false;
    if (value === UNKNOWN) return true;
    if (value === MISSING) return negate;
    return negate ? !truthy(value) : truthy(value);
  }

  /** The scopes an entry is filled in: one per list item with `each`, none when `if` fails. */
  scopes(control: Control | undefined, scope: Scope, at: string): Scope[] {
    if (!control) return [scope];
    let scopes = [scope];
    if (control.each !== undefined) scopes = this.iterate(control, scope, at);
    else if (control.as !== undefined) this.report('syntax', at, `as: ${control.as}`);
    const condition = control.if;
    return condition === undefined ? scopes : scopes.filter((s) => this.test(condition, s, at));
  }

  private iterate(control: Control, scope: Scope, at: string): Scope[] {
    const each = control.each ?? '';
    const name = control.as ?? 'item';
    if (!NAME.test(name) || FORBIDDEN.has(name)) {
      this.report(FORBIDDEN.has(name) ? 'forbidden' : 'syntax', at, `as: ${name}`);
      return [];
    }
    const list = this.lookup(each, scope, at, `each: ${each}`);
    if (list === INVALID) return [];
    if (list === UNKNOWN || (this.checking && Array.isArray(list) && list.length === 0)) {
      // Nothing to show the entry with: check it once, its item unknown.
      const unknown = new Set([...scope.unknown, name, '$index']);
      return this.checking ? [{ ...scope, unknown }] : [];
    }
    if (!Array.isArray(list)) {
      if (this.checking) this.report(list === MISSING ? 'unresolved' : 'not-a-list', at, `each: ${each}`);
      return [];
    }
    const unknown = new Set([...scope.unknown].filter((n) => n !== name && n !== '$index'));
    return list.map((item: unknown, i) => ({
      data: scope.data,
      locals: new Map([...scope.locals, [name, item], ['$index', i + 1]]),
      unknown,
    }));
  }

  /** Fills a list whose entries may repeat (`each`) or drop out (`if`). */
  expand<T, R>(
    entries: readonly T[],
    scope: Scope,
    at: string,
    fill: (entry: T, s: Scope, where: string) => R,
  ): R[] {
    return entries.flatMap((entry, i) => {
      const where = `${at}[${i}]`;
      return this.scopes(isControl(entry) ? entry : undefined, scope, where).map((s) =>
        fill(entry, s, where),
      );
    });
  }

  optional(value: string | undefined, scope: Scope, at: string): string | undefined {
    return value === undefined ? undefined : this.text(value, scope, at);
  }

  rich(value: TemplateRichText, scope: Scope, at: string): RichText {
    if (typeof value === 'string') return this.text(value, scope, at);
    return this.expand(value, scope, at, (run, s, where) => ({
      text: this.text(run.text, s, `${where}.text`),
      bold: run.bold,
      italic: run.italic,
    }));
  }

  block(block: TemplateBlock, scope: Scope, at: string): Block {
    switch (block.type) {
      case 'paragraph':
        return {
          type: 'paragraph',
          label: this.optional(block.label, scope, `${at}.label`),
          text: this.rich(block.text, scope, `${at}.text`),
          align: block.align,
          indent: block.indent,
          bold: block.bold,
          italic: block.italic,
          size: block.size,
        };
      case 'fields':
        return {
          type: 'fields',
          items: this.expand(block.items, scope, `${at}.items`, (item, s, where) => ({
            label: this.text(item.label, s, `${where}.label`),
            value: this.text(item.value, s, `${where}.value`),
            bold: item.bold,
          })),
        };
      case 'list':
        return {
          type: 'list',
          style: block.style,
          items: this.expand(block.items, scope, `${at}.items`, (item, s, where) =>
            typeof item === 'string' ? this.text(item, s, where) : this.rich(item.text, s, `${where}.text`),
          ),
        };
      case 'table':
        return {
          type: 'table',
          size: block.size,
          columns: block.columns.map((c, i) => ({
            ...c,
            header: this.text(c.header, scope, `${at}.columns[${i}]`),
          })),
          groups: block.groups?.map((g, i) => ({
            span: g.span,
            label: this.optional(g.label, scope, `${at}.groups[${i}]`),
          })),
          rows: this.expand(block.rows, scope, `${at}.rows`, (row, s, where) => {
            const cells = Array.isArray(row) ? row : row.cells;
            return cells.map((cell, i) => this.text(cell, s, `${where}.cells[${i}]`));
          }),
        };
      case 'spacer':
        return { type: 'spacer', height: block.height };
    }
  }

  header(h: DocumentHeader, scope: Scope): DocumentHeader {
    return {
      parentAuthority: this.optional(h.parentAuthority, scope, 'header.parentAuthority'),
      authority: this.text(h.authority, scope, 'header.authority'),
      number: this.optional(h.number, scope, 'header.number'),
      place: this.optional(h.place, scope, 'header.place'),
      date: this.optional(h.date, scope, 'header.date'),
      motto: h.motto,
    };
  }

  meta(m: DocumentMeta, scope: Scope): DocumentMeta {
    return {
      title: this.optional(m.title, scope, 'meta.title'),
      author: this.optional(m.author, scope, 'meta.author'),
      subject: this.optional(m.subject, scope, 'meta.subject'),
      keywords: this.optional(m.keywords, scope, 'meta.keywords'),
      creationDate: this.optional(m.creationDate, scope, 'meta.creationDate'),
    };
  }

  document(t: DocumentTemplate, scope: Scope): AdministrativeDocument {
    const qr = t.qr && this.scopes({ if: t.qr.if }, scope, 'qr').length > 0 ? t.qr : undefined;
    return {
      layout: t.layout,
      fontSize: t.fontSize,
      shrinkToOnePage: t.shrinkToOnePage,
      meta: t.meta && this.meta(t.meta, scope),
      header: this.header(t.header, scope),
      title: this.text(t.title, scope, 'title'),
      subtitle: this.optional(t.subtitle, scope, 'subtitle'),
      body: this.expand(t.body, scope, 'body', (b, s, where) => this.block(b, s, where)),
      signatures:
        t.signatures &&
        this.expand(t.signatures, scope, 'signatures', (sig, s, where) => ({
          position: sig.position,
          title: this.text(sig.title, s, `${where}.title`),
          hint: this.optional(sig.hint, s, `${where}.hint`),
          name: this.optional(sig.name, s, `${where}.name`),
        })),
      recipients:
        t.recipients &&
        this.expand(t.recipients, scope, 'recipients', (r, s, where) =>
          this.text(typeof r === 'string' ? r : r.text, s, where),
        ),
      qr: qr && {
        data: this.text(qr.data, scope, 'qr.data'),
        caption: this.optional(qr.caption, scope, 'qr.caption'),
        placement: qr.placement,
        size: qr.size,
      },
    };
  }
}

const rootScope = (context: object): Scope => ({ data: context, locals: new Map(), unknown: new Set() });

export interface FillOptions {
  /** Printed for a value the context lacks: "" by default, "……" for a gap to fill by hand. */
  missing?: string;
}

/**
 * Fills a template with a context of plain data. A missing value prints `options.missing`; a
 * malformed or unsafe placeholder throws a TemplateError.
 */
export function fillTemplate(
  template: DocumentTemplate,
  context: object,
  options: FillOptions = {},
): AdministrativeDocument {
  const filler = new Filler(false, options.missing);
  const document = filler.document(template, rootScope(context));
  const fatal = filler.issues.filter((i) => FATAL.has(i.kind));
  if (fatal.length > 0) throw new TemplateError(fatal);
  return document;
}

/**
 * Every problem a template has against a sample context, for an administrator editing it:
 * placeholders that do not resolve, unsafe or malformed paths, unknown filters, values a
 * filter cannot format. Entries inside a list the sample leaves empty are checked for syntax
 * only. An empty result means the template is ready to use.
 */
export function validateTemplate(template: DocumentTemplate, sample: object): TemplateIssue[] {
  const filler = new Filler(true);
  filler.document(template, rootScope(sample));
  return filler.issues;
}
