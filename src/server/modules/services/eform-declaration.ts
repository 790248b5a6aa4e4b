// Where the procedure's e-form is the declaration (tờ khai, đơn, giấy đề nghị: a component marked
// `eForm` in the catalogue), the applicant fills the e-form and uploads nothing for it: the system
// renders the answers to PDF as that component, on request, so it always matches the stored answers.
import type { Principal } from '../../platform/access.ts';
import type { DbOrTx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { type FieldItem, formatDate, formatDateTime, renderDocument } from '../../platform/pdf/index.ts';
import type { ProcedureDefinition } from '../../../contracts/services.ts';
import { getAgency } from '../identity/index.ts';
import { definitionOf } from './definitions.ts';
import { mayRead } from './policy.ts';
import { agencyPaths, dossierRow } from './queries.ts';

interface FieldSchema {
  type?: string | string[];
  title?: string;
  format?: string;
  enum?: unknown[];
  enumNames?: string[];
  properties?: Record<string, FieldSchema>;
  items?: FieldSchema;
}

/** The component the e-form stands for, if the procedure has one. */
export function eFormComponent(def: Pick<ProcedureDefinition, 'components'>) {
  return def.components.find((c) => c.eForm);
}

function valueText(schema: FieldSchema, value: unknown): string {
  if (value === undefined || value === null || value === '') return '';
  if (schema.enum && schema.enumNames) {
    const i = schema.enum.indexOf(value);
    if (i >= 0) return schema.enumNames[i] ?? String(value);
  }
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (typeof value === 'string' && schema.format === 'date') return formatDate(value) ?? value;
  if (typeof value === 'string' && schema.format === 'date-time') return formatDateTime(value) ?? value;
  if (typeof value === 'number') return value.toLocaleString('vi-VN');
  if (Array.isArray(value))
    return value
      .map((v) => valueText(schema.items ?? {}, v))
      .filter(Boolean)
      .join('; ');
  if (typeof value === 'object')
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => {
        const sub = schema.properties?.[k] ?? {};
        const text = valueText(sub, v);
        return text ? `${sub.title ?? k}: ${text}` : '';
      })
      .filter(Boolean)
      .join('; ');
  return String(value);
}

/** "Label: value" lines in the e-form's order; unanswered optional fields are left out. */
export function declarationFields(
  schema: Record<string, unknown>,
  data: Record<string, unknown>,
): FieldItem[] {
  const properties = (schema.properties ?? {}) as Record<string, FieldSchema>;
  return Object.entries(properties)
    .map(([key, field]) => ({ label: field.title ?? key, value: valueText(field, data[key]) }))
    .filter((f) => f.value !== '');
}

export async function renderDeclaration(
  db: DbOrTx,
  p: Principal,
  id: string,
): Promise<{ buffer: Buffer; name: string }> {
  const d = await dossierRow(db, id);
  if (!d || !mayRead(p, d, await agencyPaths(db, d))) throw new AppError('not_found');
  const def = await definitionOf(db, d.procedureVersionId);
  const component = eFormComponent(def);
  if (!component) throw new AppError('not_found');
  const receiving = await getAgency(db, d.receivingAgencyId);
  const schema = def.form.schema as Record<string, unknown>;
  const buffer = await renderDocument({
    meta: { title: String(schema.title ?? component.name), author: d.applicant.fullName },
    header: { authority: '', motto: true, date: d.submittedAt.toISOString() },
    title: String(schema.title ?? component.name).toUpperCase(),
    body: [
      { type: 'paragraph', label: 'Kính gửi', text: receiving?.name ?? '', align: 'center' },
      {
        type: 'fields',
        items: [
          { label: 'Người khai', value: d.applicant.fullName, bold: true },
          ...(d.applicant.idNumber ? [{ label: 'Số định danh cá nhân', value: d.applicant.idNumber }] : []),
          ...(d.applicant.phone ? [{ label: 'Số điện thoại', value: d.applicant.phone }] : []),
          ...(d.applicant.address ? [{ label: 'Địa chỉ', value: d.applicant.address }] : []),
        ],
      },
      { type: 'fields', items: declarationFields(schema, d.formData) },
      {
        type: 'paragraph',
        italic: true,
        indent: true,
        text: `Kê khai trên biểu mẫu điện tử, nộp trực tuyến lúc ${formatDateTime(d.submittedAt.toISOString())}${d.receiptNo ? `, số biên nhận ${d.receiptNo}` : ''}${d.code ? `, mã hồ sơ ${d.code}` : ''}. Tôi cam đoan nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước pháp luật về lời khai của mình.`,
      },
    ],
    signatures: [
      { title: 'Người khai', hint: '(Đã xác thực khi nộp trực tuyến)', name: d.applicant.fullName },
    ],
  });
  return { buffer, name: component.key };
}
