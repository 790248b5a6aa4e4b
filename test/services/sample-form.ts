/** Answers that satisfy a procedure's e-form schema, for tests that need a valid submission. */
interface Prop {
  type?: string;
  items?: Prop;
  minItems?: number;
  enum?: unknown[];
  pattern?: string;
  format?: string;
  minimum?: number;
  minLength?: number;
}

const CANDIDATES = [
  'Nguyễn Văn An',
  '074190001234',
  '0912345678',
  'Hộ kinh doanh Minh Phát',
  'Số 12 đường 30/4',
];

function sample(prop: Prop): unknown {
  if (prop.enum) return prop.enum[0];
  switch (prop.type) {
    case 'number':
    case 'integer':
      return prop.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return [sample(prop.items ?? { type: 'string' })];
    default: {
      if (prop.format === 'date') return '2026-01-15';
      const fit = CANDIDATES.find(
        (c) => (!prop.pattern || new RegExp(prop.pattern, 'u').test(c)) && c.length >= (prop.minLength ?? 0),
      );
      if (!fit) throw new Error(`no sample value for ${JSON.stringify(prop)}`);
      return fit;
    }
  }
}

export function sampleFormData(schema: Record<string, unknown>): Record<string, unknown> {
  const props = (schema.properties ?? {}) as Record<string, Prop>;
  const required = (schema.required ?? []) as string[];
  return Object.fromEntries(required.map((name) => [name, sample(props[name] ?? {})]));
}
