import { useTranslation } from 'react-i18next';
import { CheckboxGroup, RadioGroup } from '../../../ui/ChoiceGroup.tsx';
import { Checkbox, SelectField, TextField } from '../../../ui/Field.tsx';
import {
  type Answer,
  type Answers,
  type FormSchema,
  type FormUi,
  type Kind,
  kindOf,
  type PropSchema,
  widgetOf,
} from './schema.ts';

export const fieldId = (name: string) => `eform-${name}`;

/** The element an error summary should focus for a field (radio and checkbox groups: the first option). */
export function controlId(schema: FormSchema, ui: FormUi | undefined, name: string): string {
  const p = schema.properties?.[name];
  if (!p) return fieldId(name);
  return usesGroup(p, kindOf(p), widgetOf(ui, name)) ? `${fieldId(name)}-0` : fieldId(name);
}

function usesGroup(p: PropSchema, kind: Kind, widget: string | undefined) {
  return kind === 'choices' || (kind === 'choice' && (widget === 'radio' || (p.enum?.length ?? 0) <= 3));
}

function options(p: PropSchema | undefined) {
  return (p?.enum ?? []).map((v, i) => ({ value: String(v), label: p?.enumNames?.[i] ?? String(v) }));
}

interface Props {
  schema: FormSchema;
  ui?: FormUi | undefined;
  names: readonly string[];
  answers: Answers;
  errors: Record<string, string>;
  onChange: (name: string, value: Answer) => void;
}

/** The questions of one page of the e-form; labels are the schema's titles. */
export function SchemaFields({ schema, ui, names, answers, errors, onChange }: Props) {
  const { t } = useTranslation();
  const required = new Set(schema.required ?? []);
  return (
    <div className="form-grid eform-grid">
      {names.map((name) => {
        const p = schema.properties?.[name];
        if (!p) return null;
        const kind = kindOf(p);
        const id = fieldId(name);
        const label = p.title ?? name;
        const value = answers[name];
        const text = typeof value === 'string' ? value : '';
        const common = {
          id,
          label,
          hint: p.description,
          error: errors[name],
          required: required.has(name),
        };
        if (kind === 'boolean')
          return (
            <div key={name} className="field field-span">
              <Checkbox
                id={id}
                label={label}
                checked={value === true}
                onChange={(e) => onChange(name, e.target.checked)}
              />
            </div>
          );
        if (kind === 'choices')
          return (
            <CheckboxGroup
              key={name}
              {...common}
              legend={label}
              options={options(p.items)}
              value={Array.isArray(value) ? value : []}
              onChange={(v) => onChange(name, v)}
            />
          );
        if (kind === 'choice') {
          if (usesGroup(p, kind, widgetOf(ui, name)))
            return (
              <RadioGroup
                key={name}
                {...common}
                legend={label}
                inline={(p.enum?.length ?? 0) <= 3}
                options={options(p)}
                value={text}
                onChange={(v) => onChange(name, v)}
              />
            );
          return (
            <SelectField key={name} {...common} value={text} onChange={(e) => onChange(name, e.target.value)}>
              <option value="">{t('common.choose')}</option>
              {options(p).map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </SelectField>
          );
        }
        const numeric = kind === 'number' || kind === 'integer';
        const long = (p.maxLength ?? 0) > 150;
        return (
          <TextField
            key={name}
            {...common}
            hint={
              p.description ??
              (kind === 'date'
                ? t('eform.date_hint')
                : numeric && (p.minimum !== undefined || p.maximum !== undefined)
                  ? rangeHint(p, t)
                  : undefined)
            }
            fieldClassName={long ? 'field-span' : kind === 'date' ? 'field-narrow' : undefined}
            // Dates are typed day first (dd/mm/yyyy) whatever the browser's language: a date picker
            // would follow the browser's locale (mm/dd/yyyy in an English browser).
            type="text"
            placeholder={kind === 'date' ? t('eform.date_placeholder') : undefined}
            inputMode={kind === 'integer' ? 'numeric' : kind === 'number' ? 'decimal' : undefined}
            maxLength={p.maxLength}
            autoComplete="off"
            value={text}
            onChange={(e) => onChange(name, e.target.value)}
          />
        );
      })}
    </div>
  );
}

function rangeHint(p: PropSchema, t: (key: string, params?: Record<string, unknown>) => string) {
  if (p.minimum !== undefined && p.maximum !== undefined)
    return t('eform.range', { min: p.minimum, max: p.maximum });
  if (p.minimum !== undefined) return t('eform.min', { min: p.minimum });
  return t('eform.max', { max: p.maximum });
}
