import { describe, expect, it } from 'vitest';
import type { ParagraphBlock, TableBlock } from './document.js';
import { type DocumentTemplate, TemplateError, fillTemplate, validateTemplate } from './template.js';
import { parseTemplate } from './template-schema.js';

const base = (body: DocumentTemplate['body'], extra: Partial<DocumentTemplate> = {}): DocumentTemplate => ({
  header: { authority: '{{agency.name}}', place: 'Thủ Dầu Một', date: '{{issuedAt}}' },
  title: 'Giấy tiếp nhận',
  body,
  ...extra,
});

const context = {
  agency: { name: 'Ủy ban nhân dân phường Thủ Dầu Một' },
  issuedAt: '2026-11-26T07:20:00Z',
  applicant: { name: 'Nguyễn Thị Hồng Nhung', email: '' },
  fee: 1_500_000,
  components: [
    { name: 'Tờ khai', copies: 1 },
    { name: 'Giấy chứng sinh', copies: 2, note: 'bản chính' },
  ],
  reasons: [] as string[],
};

const paragraphText = (block: unknown) => (block as ParagraphBlock).text;

describe('fillTemplate', () => {
  it('replaces placeholders, applies filters and leaves the rest of the text alone', () => {
    const doc = fillTemplate(
      base([
        { type: 'paragraph', text: 'Tiếp nhận hồ sơ của: {{applicant.name}}.' },
        { type: 'paragraph', text: 'Lệ phí: {{ fee | money }}; nhận lúc {{issuedAt | datetime}}.' },
        { type: 'paragraph', text: '{{agency.name | upper}}' },
      ]),
      context,
    );
    expect(doc.header.authority).toBe('Ủy ban nhân dân phường Thủ Dầu Một');
    expect(doc.header.date).toBe('2026-11-26T07:20:00Z');
    expect(doc.body.map(paragraphText)).toEqual([
      'Tiếp nhận hồ sơ của: Nguyễn Thị Hồng Nhung.',
      'Lệ phí: 1.500.000 đồng; nhận lúc 14:20 ngày 26/11/2026.',
      'ỦY BAN NHÂN DÂN PHƯỜNG THỦ DẦU MỘT',
    ]);
  });

  it('repeats table rows with `each`, numbering them with $index, and drops entries with a false `if`', () => {
    const doc = fillTemplate(
      base([
        {
          type: 'table',
          columns: [{ header: 'TT' }, { header: 'Tên giấy tờ' }, { header: 'Số lượng' }],
          rows: [
            { each: 'components', cells: ['{{$index}}', '{{item.name}}', '{{item.copies}}'] },
            { if: 'fee', cells: ['', 'Lệ phí', '{{fee | money}}'] },
            { if: '!fee', cells: ['', 'Miễn phí', ''] },
          ],
        },
        { type: 'paragraph', if: 'reasons', text: 'Lý do:' },
        { type: 'paragraph', if: 'applicant.email', text: 'Email: {{applicant.email}}' },
        { type: 'paragraph', if: 'nowhere.to.be.found', text: 'hidden' },
      ]),
      context,
    );
    expect(doc.body).toHaveLength(1);
    expect((doc.body[0] as TableBlock).rows).toEqual([
      ['1', 'Tờ khai', '1'],
      ['2', 'Giấy chứng sinh', '2'],
      ['', 'Lệ phí', '1.500.000 đồng'],
    ]);
  });

  it('repeats blocks, list items and runs, with the item named by `as` and `if` seeing the item', () => {
    const doc = fillTemplate(
      base([
        { type: 'paragraph', each: 'components', as: 'c', text: '{{$index}}. {{c.name}}' },
        {
          type: 'list',
          items: [{ each: 'components', if: 'item.note', text: '{{item.name}} ({{item.note}})' }],
        },
        {
          type: 'paragraph',
          text: [{ text: 'Nộp: ' }, { each: 'components', text: '{{item.name}}; ', bold: true }],
        },
      ]),
      context,
    );
    expect(doc.body.slice(0, 2).map(paragraphText)).toEqual(['1. Tờ khai', '2. Giấy chứng sinh']);
    expect(doc.body[2]).toEqual({ type: 'list', style: undefined, items: ['Giấy chứng sinh (bản chính)'] });
    expect(paragraphText(doc.body[3])).toEqual([
      { text: 'Nộp: ', bold: undefined, italic: undefined },
      { text: 'Tờ khai; ', bold: true, italic: undefined },
      { text: 'Giấy chứng sinh; ', bold: true, italic: undefined },
    ]);
  });

  it('inserts values as text: a placeholder inside a value is never expanded, control characters go', () => {
    const doc = fillTemplate(base([{ type: 'paragraph', text: 'Tên: {{applicant.name}}' }]), {
      ...context,
      applicant: { name: 'Nhung {{agency.name}}\u0007\u001b[31m' },
    });
    expect(paragraphText(doc.body[0])).toBe('Tên: Nhung {{agency.name}}[31m');
  });

  it('prints missing values as the `missing` text (blank by default)', () => {
    const template = base([{ type: 'paragraph', text: 'Email: {{applicant.phone}}' }]);
    expect(paragraphText(fillTemplate(template, context).body[0])).toBe('Email: ');
    expect(paragraphText(fillTemplate(template, context, { missing: '……' }).body[0])).toBe('Email: ……');
  });

  it.each([
    '__proto__',
    'constructor',
    'prototype',
    'applicant.__proto__.polluted',
    'agency.constructor.name',
  ])('refuses the path %s', (path) => {
    const template = base([{ type: 'paragraph', text: `x {{${path}}}` }]);
    expect(() => fillTemplate(template, context)).toThrow(TemplateError);
    expect(validateTemplate(template, context)).toEqual([
      { kind: 'forbidden', at: 'body[0].text', expression: `{{${path}}}` },
    ]);
  });

  it('refuses forbidden names in `each`, `as` and `if` too', () => {
    expect(() =>
      fillTemplate(base([{ type: 'paragraph', each: 'components', as: '__proto__', text: 'x' }]), context),
    ).toThrow(TemplateError);
    expect(() => fillTemplate(base([{ type: 'paragraph', if: 'constructor', text: 'x' }]), context)).toThrow(
      TemplateError,
    );
  });

  it('reads own data properties only: no inherited members, no getters run', () => {
    let getterRan = false;
    const tricky = {
      ...context,
      get secret() {
        getterRan = true;
        return 'leaked';
      },
    };
    const doc = fillTemplate(
      base([
        {
          type: 'paragraph',
          text: '[{{toString}}][{{applicant.name.length}}][{{secret}}][{{hasOwnProperty}}]',
        },
      ]),
      tricky,
    );
    expect(paragraphText(doc.body[0])).toBe('[][21][][]');
    expect(getterRan).toBe(false);
  });

  it('refuses unknown filters and malformed placeholders', () => {
    for (const text of ['{{fee | eval}}', '{{ }}', '{{a..b}}', '{{a-b}}', 'Lệ phí {{fee', '{{fee}} }}']) {
      expect(() => fillTemplate(base([{ type: 'paragraph', text }]), context), text).toThrow(TemplateError);
    }
  });
});

describe('validateTemplate', () => {
  it('lists every placeholder that does not resolve, where it is', () => {
    const template = base(
      [
        { type: 'paragraph', text: 'Của: {{applicant.fullName}}' },
        { type: 'fields', items: [{ label: 'Điện thoại', value: '{{applicant.phone}}' }] },
        {
          type: 'table',
          columns: [{ header: 'Tên' }],
          rows: [{ each: 'components', cells: ['{{item.name}} {{item.kind}}'] }],
        },
      ],
      { signatures: [{ title: 'Người tiếp nhận', name: '{{officer.name}}' }] },
    );
    expect(validateTemplate(template, context)).toEqual([
      { kind: 'unresolved', at: 'body[0].text', expression: '{{applicant.fullName}}' },
      { kind: 'unresolved', at: 'body[1].items[0].value', expression: '{{applicant.phone}}' },
      { kind: 'unresolved', at: 'body[2].rows[0].cells[0]', expression: '{{item.kind}}' },
      { kind: 'unresolved', at: 'signatures[0].name', expression: '{{officer.name}}' },
    ]);
  });

  it('reports unknown filters, values a filter cannot format, lists that are not lists', () => {
    const template = base([
      { type: 'paragraph', text: '{{fee | currency}} {{applicant.name | money}}' },
      {
        type: 'list',
        items: [
          { each: 'fee', text: 'x' },
          { each: 'missingList', text: 'y' },
        ],
      },
    ]);
    expect(validateTemplate(template, context)).toEqual([
      { kind: 'unknown-filter', at: 'body[0].text', expression: '{{fee | currency}}' },
      { kind: 'bad-value', at: 'body[0].text', expression: '{{applicant.name | money}}' },
      { kind: 'not-a-list', at: 'body[1].items[0]', expression: 'each: fee' },
      { kind: 'unresolved', at: 'body[1].items[1]', expression: 'each: missingList' },
    ]);
  });

  it('checks entries of a list the sample leaves empty for everything but the item', () => {
    const template = base([
      {
        type: 'list',
        items: [{ each: 'reasons', as: 'reason', text: '{{reason}} {{applicant.nam}} {{fee | bogus}}' }],
      },
    ]);
    expect(validateTemplate(template, context).map((i) => [i.kind, i.expression])).toEqual([
      ['unresolved', '{{applicant.nam}}'],
      ['unknown-filter', '{{fee | bogus}}'],
    ]);
  });

  it('is empty for a template that fits its sample', () => {
    const template = base([
      { type: 'paragraph', text: '{{applicant.name}} — {{fee | money}}' },
      { type: 'list', items: [{ each: 'components', text: '{{item.name}}: {{item.copies}}' }] },
    ]);
    expect(validateTemplate(template, context)).toEqual([]);
  });
});

describe('parseTemplate', () => {
  it('accepts a template that went through JSON', () => {
    const template = base([{ type: 'table', columns: [{ header: 'A', width: 2 }], rows: [['x']] }], {
      qr: { data: '{{url}}', placement: 'title' },
    });
    expect(parseTemplate(JSON.parse(JSON.stringify(template)))).toEqual(template);
  });

  it('refuses unknown keys, wrong types and unknown block types, naming where', () => {
    const bad = (patch: object) => () => parseTemplate({ ...base([]), ...patch });
    expect(bad({ script: 'alert(1)' })).toThrow(TemplateError);
    expect(bad({ title: 42 })).toThrow(TemplateError);
    expect(bad({ body: [{ type: 'html', html: '<b>x</b>' }] })).toThrow(TemplateError);
    expect(bad({ body: [{ type: 'paragraph', text: 'x', onClick: 'y' }] })).toThrow(TemplateError);
    const polluted = JSON.parse(
      '{"header":{"authority":"x"},"title":"t","body":[],"__proto__":{"polluted":1}}',
    );
    expect(() => parseTemplate(polluted)).toThrow(TemplateError);
    try {
      parseTemplate({ ...base([]), body: [{ type: 'paragraph', text: 7 }] });
    } catch (error) {
      expect((error as TemplateError).issues[0]?.at).toBe('body[0].text');
    }
  });
});
