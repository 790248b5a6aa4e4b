/**
 * The shape of an administrative document (Decree 30/2020/NĐ-CP layout) as plain data.
 * The renderer draws it; templates are the same shape with placeholders (see template.ts).
 */

export type Align = 'left' | 'center' | 'right' | 'justify';

/** A run of text inside a paragraph, list item or field. */
export interface TextRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

/** Plain text, or runs with their own emphasis. */
export type RichText = string | TextRun[];

export interface DocumentHeader {
  /** The parent authority ("ỦY BAN NHÂN DÂN TỈNH …"), printed upper case, upright. */
  parentAuthority?: string;
  /** The issuing unit, printed upper case, bold, with a short rule under it. */
  authority: string;
  /** The text after "Số: ". Omit to leave the line out; an empty string prints "Số: ……". */
  number?: string;
  /** Place name of the date line ("Thủ Dầu Một"). */
  place?: string;
  /** ISO date or timestamp of issue, shown in Vietnam time; empty prints a blank date. */
  date?: string;
  /** The national motto block on the right; true unless a register or annex leaves it out. */
  motto?: boolean;
}

export interface ParagraphBlock {
  type: 'paragraph';
  /** Printed bold before the text, followed by ": ". */
  label?: string;
  text: RichText;
  align?: Align;
  /** First-line indent, as body paragraphs of Vietnamese documents have. */
  indent?: boolean;
  bold?: boolean;
  italic?: boolean;
  /** Font size in points; the body size when omitted. */
  size?: number;
}

export interface FieldItem {
  label: string;
  value: string;
  /** Print the value in bold. */
  bold?: boolean;
}

/** "Label: value" lines. */
export interface FieldsBlock {
  type: 'fields';
  items: FieldItem[];
}

export interface ListBlock {
  type: 'list';
  /** "1." numbers, "-" dashes (the usual Vietnamese bullet) or "•". */
  style?: 'number' | 'dash' | 'bullet';
  items: RichText[];
}

export interface TableColumn {
  header: string;
  /** Relative width (any unit: the widths are scaled to the text width). Default 1. */
  width?: number;
  align?: 'left' | 'center' | 'right';
}

/**
 * A header cell above several columns ("Ngày, tháng, năm" over four date columns).
 * Groups cover the columns left to right; an unlabelled group leaves its columns' headers
 * spanning both header rows.
 */
export interface HeaderGroup {
  label?: string;
  span: number;
}

export interface TableBlock {
  type: 'table';
  columns: TableColumn[];
  groups?: HeaderGroup[];
  rows: string[][];
  /** Font size in points; 12 when omitted. */
  size?: number;
}

export interface SpacerBlock {
  type: 'spacer';
  /** Millimetres; 4 when omitted. */
  height?: number;
}

export type Block = ParagraphBlock | FieldsBlock | ListBlock | TableBlock | SpacerBlock;

export interface Signature {
  /** Which half of the page; a lone signature goes right. */
  position?: 'left' | 'right';
  /** Upper-cased; may hold several lines ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"). */
  title: string;
  /** Italic line under the title; "(Ký, ghi rõ họ tên)" when omitted, none when empty. */
  hint?: string;
  name?: string;
}

export interface QrCode {
  data: string;
  caption?: string;
  /**
   * "end" (default): after the signatures, the caption beside it. "title": at the right of the
   * title, a short caption under it, where a one-page receipt has room for it.
   */
  placement?: 'end' | 'title';
  /** Side in millimetres; 24 at the end, 18 beside the title, when omitted. */
  size?: number;
}

export interface DocumentMeta {
  /** PDF Title; the document title when omitted. */
  title?: string;
  /** PDF Author; the issuing unit when omitted. */
  author?: string;
  subject?: string;
  keywords?: string;
  /** ISO timestamp written as CreationDate; the header date when omitted. Same input, same bytes. */
  creationDate?: string;
}

export interface AdministrativeDocument {
  layout?: 'portrait' | 'landscape';
  meta?: DocumentMeta;
  header: DocumentHeader;
  title: string;
  subtitle?: string;
  body: Block[];
  signatures?: Signature[];
  /** Lines of the "Nơi nhận:" block. */
  recipients?: string[];
  qr?: QrCode;
  /** Body font size in points (Decree 30: 13–14); 13 when omitted. */
  fontSize?: number;
  /**
   * A one-page form (the receipt): when the content runs over, every font size is reduced in
   * half-point steps, down to this body size, before a second page is accepted.
   */
  shrinkToOnePage?: { minFontSize: number };
}
