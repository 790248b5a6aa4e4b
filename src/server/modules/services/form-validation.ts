// Checks e-form answers against the procedure's JSON Schema (the subset the form builder uses:
// object properties, required, string/number/integer/boolean/array, enum, pattern, lengths, date format).
import type { FieldProblem } from '../../platform/errors.ts';

interface PropertySchema {
  type?: string | string[];
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  format?: string;
  items?: PropertySchema;
  properties?: Record<string, PropertySchema>;
  required?: string[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkValue(path: string, schema: PropertySchema, value: unknown, out: FieldProblem[]): void {
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const actual = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  const typeOk =
    types.length === 0 ||
    types.some(
      (t) =>
        t === actual ||
        (t === 'integer' && Number.isInteger(value)) ||
        (t === 'number' && actual === 'number'),
    );
  if (!typeOk) {
    out.push({ field: path, key: 'field.invalid_type', params: { expected: types.join('|') } });
    return;
  }
  if (schema.enum && !schema.enum.includes(value)) {
    out.push({ field: path, key: 'field.invalid_value', params: { values: schema.enum.join(', ') } });
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength)
      out.push({ field: path, key: 'field.too_short', params: { min: schema.minLength } });
    if (schema.maxLength !== undefined && value.length > schema.maxLength)
      out.push({ field: path, key: 'field.too_long', params: { max: schema.maxLength } });
    if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value))
      out.push({ field: path, key: 'field.invalid_format', params: { format: schema.pattern } });
    if (schema.format === 'date' && (!DATE.test(value) || Number.isNaN(Date.parse(value))))
      out.push({ field: path, key: 'field.invalid_format', params: { format: 'YYYY-MM-DD' } });
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum)
      out.push({ field: path, key: 'field.too_small', params: { min: schema.minimum } });
    if (schema.maximum !== undefined && value > schema.maximum)
      out.push({ field: path, key: 'field.too_big', params: { max: schema.maximum } });
  }
  if (Array.isArray(value) && schema.items) {
    for (const [i, v] of value.entries()) checkValue(`${path}.${i}`, schema.items, v, out);
  }
  if (actual === 'object' && schema.properties)
    checkObject(path, schema, value as Record<string, unknown>, out);
}

function checkObject(
  path: string,
  schema: PropertySchema,
  data: Record<string, unknown>,
  out: FieldProblem[],
): void {
  for (const name of schema.required ?? []) {
    const v = data[name];
    if (v === undefined || v === null || v === '')
      out.push({ field: `${path}.${name}`, key: 'field.required' });
  }
  for (const [name, value] of Object.entries(data)) {
    const prop = schema.properties?.[name];
    if (!prop) {
      out.push({ field: `${path}.${name}`, key: 'field.unknown' });
      continue;
    }
    if (value === undefined || value === null || value === '') continue;
    checkValue(`${path}.${name}`, prop, value, out);
  }
}

/** Problems with the answers, each naming its field as `body.formData.<name>`. */
export function validateFormData(
  schema: Record<string, unknown>,
  data: Record<string, unknown>,
): FieldProblem[] {
  const out: FieldProblem[] = [];
  checkObject('body.formData', schema as PropertySchema, data, out);
  return out;
}
