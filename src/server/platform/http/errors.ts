import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode, type FieldProblem, tooLarge } from '../errors.ts';
import { asciiText, hasText, type Language, t } from '../i18n/index.ts';
import { RequestValidationError } from './validation.ts';

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    requestId: string;
    fields?: { field: string; message: string }[];
  };
}

const DB_DOWN = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  '57P01',
  '57P03',
  '08006',
  '08001',
  '08003',
  'ETIMEDOUT',
]);

function isDatabaseDown(err: unknown): boolean {
  const e = err as { code?: string; message?: string; cause?: unknown };
  if (e?.code && DB_DOWN.has(e.code)) return true;
  if (
    e?.message &&
    /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED/i.test(e.message)
  )
    return true;
  return e?.cause ? isDatabaseDown(e.cause) : false;
}

/** Maps anything thrown to the error catalogue; unknown errors become a 500 with the request id only. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof RequestValidationError) return new AppError('validation', {}, err.problems);
  const fe = err as FastifyError;
  switch (fe?.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
      return new AppError('payload_too_large');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('malformed_json');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('unsupported_media_type');
  }
  if (fe instanceof SyntaxError && fe.statusCode === 400) return new AppError('malformed_json');
  if (fe?.statusCode === 429) return new AppError('rate_limited');
  // Static files: a missing or forbidden path is simply not found.
  if (fe?.statusCode === 404 || fe?.statusCode === 403) return new AppError('not_found');
  if (isDatabaseDown(err)) return new AppError('database_unavailable');
  return new AppError('internal');
}

const PATH_ROOTS = new Set(['body', 'query', 'params', 'headers']);

/**
 * A field's name in words (errors:fieldname.*), from its path: the longest known tail of the path
 * (`body.applicant.phone` → "Số điện thoại"); null when none is known. Messages never show a path.
 */
export function fieldLabel(lang: Language, path: string): string | null {
  const parts = path.split('.').filter((p) => !/^\d+$/.test(p) && !PATH_ROOTS.has(p));
  for (let i = 0; i < parts.length; i++) {
    const key = `errors:fieldname.${parts.slice(i).join('.')}`;
    if (hasText(lang, key)) return t(lang, key);
  }
  return null;
}

export function errorBody(err: AppError, req: FastifyRequest): ErrorBody {
  const lang = req.lang;
  const labels = err.fields.map((f: FieldProblem) => fieldLabel(lang, f.field));
  const fields = err.fields.map((f: FieldProblem, i) => ({
    field: f.field,
    message: t(lang, `errors:${f.key}`, {
      // A field the schema does not have can only be named by its own name (a client's mistake).
      field:
        labels[i] ??
        (f.key === 'field.unknown' ? `“${f.field.split('.').pop()}”` : t(lang, 'errors:fieldname._this')),
      ...f.params,
    }),
  }));
  const named = [...new Set(labels.filter((l): l is string => l !== null))];
  const code = err.code === 'validation' && named.length === 0 ? 'validation_unnamed' : err.code;
  return {
    error: {
      code: err.code,
      message: t(lang, `errors:${code}`, { ...err.params, fields: named.join(', ') }),
      requestId: req.id,
      ...(fields.length ? { fields } : {}),
    },
  };
}

/**
 * The `WWW-Authenticate` challenge of the bearer scheme (RFC 6750 §3) for an error: the token's own
 * failures carry their error code; `bare` gives the plain challenge to a caller who sent no token to a
 * bearer-only route. Null when the error says nothing about the token.
 */
export function bearerChallenge(err: AppError, lang: Language, bare = false): string | null {
  const realm = 'Bearer realm="cqs"';
  if (err.code === 'invalid_token')
    return `${realm}, error="invalid_token", error_description="${asciiText(t(lang, 'errors:invalid_token'))}"`;
  if (err.code === 'insufficient_scope') {
    const scope = typeof err.params.scope === 'string' ? `, scope="${asciiText(err.params.scope)}"` : '';
    return `${realm}, error="insufficient_scope"${scope}`;
  }
  return bare && (err.code === 'unauthenticated' || err.code === 'forbidden') ? realm : null;
}

export function handleError(err: unknown, req: FastifyRequest, reply: FastifyReply) {
  let appErr = toAppError(err);
  // Fastify's own refusals of a big body or file: say which limit was passed.
  if (appErr.code === 'payload_too_large' && appErr.params.limit === undefined)
    appErr = tooLarge(
      (err as FastifyError)?.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? (req.routeOptions.bodyLimit ?? req.server.initialConfig.bodyLimit ?? 1024 * 1024)
        : req.server.uploadLimit,
    );
  const challenge = bearerChallenge(appErr, req.lang);
  if (challenge) reply.header('www-authenticate', challenge);
  if (appErr.code === 'internal')
    req.log.error({ err, requestId: req.id, route: req.routeOptions.url }, 'unhandled error');
  else if (appErr.code === 'database_unavailable')
    req.log.warn({ err: (err as Error).message, requestId: req.id }, 'database unavailable');
  if (
    appErr.code === 'rate_limited' ||
    appErr.code === 'database_unavailable' ||
    appErr.code === 'streams_full'
  )
    reply.header('retry-after', '5');
  // A lock on guessing says how long it has left.
  if (typeof appErr.params.retryAfter === 'number')
    reply.header('retry-after', String(appErr.params.retryAfter));
  return reply.status(appErr.status).send(errorBody(appErr, req));
}
