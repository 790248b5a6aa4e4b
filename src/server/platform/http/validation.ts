import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import type { FieldProblem } from '../errors.ts';

/** Raised by the zod validator; the error handler turns it into a localized 400 naming each field. */
export class RequestValidationError extends Error {
  readonly statusCode = 400;
  constructor(
    readonly part: string,
    readonly problems: FieldProblem[],
  ) {
    super('validation');
  }
}

type Issue = z.core.$ZodIssue;

function problemOf(part: string, issue: Issue): FieldProblem[] {
  const path = [part, ...issue.path.map(String)].join('.');
  // A schema's own message key ("field.agency_code") says it best.
  if (issue.message.startsWith('field.')) return [{ field: path, key: issue.message }];
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((k) => ({ field: `${path}.${k}`, key: 'field.unknown' }));
    case 'invalid_type':
      return [
        issue.input === undefined
          ? { field: path, key: 'field.required' }
          : { field: path, key: 'field.invalid_type', params: { expected: issue.expected } },
      ];
    case 'too_small':
      return [
        {
          field: path,
          key: issue.origin === 'string' ? 'field.too_short' : 'field.too_small',
          params: { min: issue.minimum },
        },
      ];
    case 'too_big':
      return [
        {
          field: path,
          key: issue.origin === 'string' ? 'field.too_long' : 'field.too_big',
          params: { max: issue.maximum },
        },
      ];
    case 'invalid_format':
      return [{ field: path, key: 'field.invalid_format', params: { format: issue.format } }];
    case 'invalid_value':
      return [{ field: path, key: 'field.invalid_value', params: { values: issue.values.join(', ') } }];
    default:
      return [{ field: path, key: 'field.invalid' }];
  }
}

export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    // reportInput tells a missing field (input undefined) from one of the wrong type.
    const result = schema.safeParse(data, { reportInput: true });
    if (result.success) return { value: result.data };
    const part = httpPart === 'querystring' ? 'query' : (httpPart ?? 'body');
    return {
      error: new RequestValidationError(
        part,
        result.error.issues.flatMap((i) => problemOf(part, i)),
      ),
    };
  };
