/**
 * Pieces the default templates share. Templates stay plain data: these are spread into each
 * form's constant, and the result serializes to the JSON an administrator edits.
 */
import type { DocumentHeader, FieldItem } from '../../../../platform/pdf/document.js';
import type { Control, TemplateBlock } from '../../../../platform/pdf/template.js';

/** Decree 30 header: the issuing unit under its parent, number, place and date of issue. */
export const header: DocumentHeader = {
  parentAuthority: '{{agency.parentName}}',
  authority: '{{agency.name}}',
  number: '{{documentNumber}}',
  place: '{{placeName}}',
  date: '{{issuedAt}}',
};

/** The code line under the title; the view leaves it empty (no line) when there is no code. */
export const dossierCode = '{{codeLine}}';

/** "<unit> tiếp nhận hồ sơ của: <applicant>", the opening of forms 01–03. */
export const receivedFrom: TemplateBlock = {
  type: 'paragraph',
  text: [
    { text: '{{agency.name}} tiếp nhận hồ sơ của: ' },
    { text: 'Ông/Bà {{dossier.applicant.name}}', bold: true },
  ],
};

/** The applicant's particulars; the identity number arrives masked to its last 4 digits. */
export const applicantFields: (FieldItem & Control)[] = [
  {
    label: 'Số định danh cá nhân',
    value: '{{dossier.applicant.idNumber}}',
    if: 'dossier.applicant.idNumber',
  },
  { label: 'Địa chỉ', value: '{{dossier.applicant.address}}' },
  { label: 'Số điện thoại', value: '{{dossier.applicant.phone}}' },
  { label: 'Thư điện tử', value: '{{dossier.applicant.email}}', if: 'dossier.applicant.email' },
  { label: 'Nội dung yêu cầu giải quyết', value: '{{dossier.procedureName}}', bold: true },
];

/** "Kính gửi:" centred, with the address under it, for letters to the applicant. */
export const addressee: TemplateBlock[] = [
  {
    type: 'paragraph',
    align: 'center',
    text: [{ text: 'Kính gửi: ' }, { text: 'Ông/Bà {{dossier.applicant.name}}', bold: true }],
  },
  {
    type: 'paragraph',
    align: 'center',
    italic: true,
    text: '(Địa chỉ: {{dossier.applicant.address}})',
    if: 'dossier.applicant.address',
  },
  { type: 'spacer', height: 2 },
];

/** Signature of the head of the issuing unit, with the seal. */
export const headSignature = {
  position: 'right',
  title: '{{officer.title}}',
  hint: '(Ký, ghi rõ họ tên và đóng dấu)',
  name: '{{officer.name}}',
} as const;
