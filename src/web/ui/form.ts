import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ApiError, type FieldProblem } from '../app/api.ts';

export type FieldErrors = Record<string, string>;
type Translate = (key: string, params?: Record<string, unknown>) => string;
type Issue = z.core.$ZodIssue;

// The same message keys as the server's validator (src/server/platform/http/validation.ts), worded
// for display next to the field (the server's wording names the field, the form shows its label).
function messageOf(issue: Issue, t: Translate): string {
  const tr = (key: string, params: Record<string, unknown> = {}) => t(key, params);
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? tr('field.required')
        : tr('field.invalid_type', { expected: issue.expected });
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return tr('field.required');
      return tr(issue.origin === 'string' ? 'field.too_short' : 'field.too_small', { min: issue.minimum });
    case 'too_big':
      return tr(issue.origin === 'string' ? 'field.too_long' : 'field.too_big', { max: issue.maximum });
    case 'invalid_format':
      if (issue.format === 'email') return tr('field.email');
      return issue.format === 'regex'
        ? tr('field.invalid')
        : tr('field.invalid_format', { format: issue.format });
    case 'invalid_value':
      return tr('field.invalid_value', { values: issue.values.join(', ') });
    default:
      return tr(issue.message.startsWith('field.') ? issue.message : 'field.invalid');
  }
}

/** Field messages by field name ("email", "memberships.0.agencyId"): the first problem of each field. */
export function issuesToFields(issues: readonly Issue[], t: Translate): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const name = issue.path.map(String).join('.');
    // Custom messages ("field.phone") win over the generic ones.
    const message =
      issue.code === 'invalid_format' && issue.message.startsWith('field.')
        ? t(issue.message)
        : messageOf(issue, t);
    out[name] ??= message;
  }
  return out;
}

/** Server field paths look like "body.email"; forms know their fields as "email". */
export function serverFields(fields: readonly FieldProblem[]): FieldErrors {
  const out: FieldErrors = {};
  for (const f of fields) out[f.field.replace(/^(body|query|params)\./, '')] ??= f.message;
  return out;
}

/** Empty text inputs mean "not given": optional schema fields expect undefined, not "". */
export function compact<T extends object>(values: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [key, value] of Object.entries(values) as [keyof T, T[keyof T]][]) {
    if (typeof value === 'string' && value.trim() === '') continue;
    out[key] = value;
  }
  return out;
}

/**
 * "E-mail or phone" is a refinement of the whole object, which zod only runs once every field is
 * valid; checking it up front shows it together with the other problems.
 */
export function contactRequired(values: { email: string; phone: string }, message: string): FieldErrors {
  return values.email.trim() || values.phone.trim() ? {} : { email: message };
}

/** Client-side validation with the shared zod schemas, and server errors, for one form. */
export function useFormErrors() {
  const { t } = useTranslation();
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<ApiError | null>(null);
  // Bumped on every failed submit so the summary takes focus again.
  const [attempt, setAttempt] = useState(0);

  const check = useCallback(
    <S extends z.ZodType>(schema: S, values: unknown, extra: FieldErrors = {}): z.output<S> | null => {
      const result = schema.safeParse(values);
      const found = result.success ? { ...extra } : { ...issuesToFields(result.error.issues, t), ...extra };
      if (Object.keys(found).length === 0 && result.success) {
        setFields({});
        setError(null);
        return result.data;
      }
      setFields(found);
      setError(null);
      setAttempt((n) => n + 1);
      return null;
    },
    [t],
  );

  const fail = useCallback((err: unknown) => {
    const apiError = err instanceof ApiError ? err : new ApiError(0, { code: 'network' });
    setError(apiError);
    setFields(serverFields(apiError.fields));
    setAttempt((n) => n + 1);
  }, []);

  const clear = useCallback(() => {
    setFields({});
    setError(null);
  }, []);

  return { fields, error, attempt, check, fail, clear };
}

export type FormErrors = ReturnType<typeof useFormErrors>;
