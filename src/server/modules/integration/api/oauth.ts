// The OAuth 2.0 token endpoint's protocol (RFC 6749): client authentication by HTTP Basic
// (client_secret_basic, §2.3.1) or body parameters (client_secret_post), and errors in the RFC's own
// shape (§5.2) rather than the platform's, because OAuth client libraries read `error`.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { toAppError, handleError } from '../../../platform/http/errors.ts';
import { asciiText, t } from '../../../platform/i18n/index.ts';

/**
 * RFC 6749 §5.2's codes. `invalid_grant` is never sent: with client credentials the client's
 * authentication is the grant, and its failures are `invalid_client` (§4.4.2).
 */
export const OAUTH_ERRORS = [
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
] as const;
export type OAuthErrorCode = (typeof OAUTH_ERRORS)[number];

export const OAuthErrorBody = z.object({
  error: z.enum(OAUTH_ERRORS),
  /** US-ASCII only (RFC 6749 §5.2): Vietnamese is sent without diacritics */
  error_description: z.string(),
});

/** A refusal of the token endpoint: its RFC code and the locale key of its description. */
export class OAuthError extends Error {
  constructor(
    readonly error: OAuthErrorCode,
    readonly key: string,
    readonly params: Record<string, string> = {},
    /** the client tried HTTP Basic: a failed authentication answers 401 with a Basic challenge */
    readonly viaBasic = false,
  ) {
    super(error);
  }
}

/**
 * Client credentials from an `Authorization: Basic` header: base64 of `id:secret`, each
 * form-urlencoded first (RFC 6749 §2.3.1). Undefined without the header; an OAuthError when malformed.
 */
export function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const m = header ? /^basic\s+(\S*)\s*$/i.exec(header) : null;
  if (!m) return undefined;
  const bad = () => new OAuthError('invalid_client', 'oauth.bad_basic', {}, true);
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) throw bad();
  const formDecode = (v: string) => {
    try {
      return decodeURIComponent(v.replace(/\+/g, ' '));
    } catch {
      throw bad();
    }
  };
  return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
}

/** `application/x-www-form-urlencoded` with every value kept: a repeated parameter becomes a list (and is refused). */
export function parseForm(body: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(body)) {
    const seen = out[k];
    out[k] = seen === undefined ? v : [...(Array.isArray(seen) ? seen : [seen]), v];
  }
  return out;
}

/** Anything thrown on the token endpoint as the RFC's error; what is not a protocol error keeps the platform's shape. */
export function oauthErrorHandler(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply) {
  let e: OAuthError | null = err instanceof OAuthError ? err : null;
  if (!e) {
    const app = toAppError(err);
    if (app.code === 'validation')
      e = new OAuthError('invalid_request', 'oauth.bad_parameter', {
        fields: [
          ...new Set(app.fields.map((f) => f.field.replace(/^body\.?/, '').split('.')[0] || 'body')),
        ].join(', '),
      });
    else if (app.code === 'malformed_json' || app.code === 'unsupported_media_type')
      e = new OAuthError('invalid_request', 'oauth.malformed');
    else if (app.code === 'payload_too_large') e = new OAuthError('invalid_request', 'oauth.too_large');
    // A bearer token is no way to authenticate a client here (the header was tried: 401, §5.2).
    else if (app.code === 'invalid_token')
      e = new OAuthError('invalid_client', 'oauth.missing_client', {}, true);
    // Rate limits, an unavailable database, internal errors: the platform's answer.
    else return handleError(err, req, reply);
  }
  const status = e.error === 'invalid_client' && e.viaBasic ? 401 : 400;
  if (status === 401) reply.header('www-authenticate', 'Basic realm="cqs", charset="UTF-8"');
  return reply
    .status(status)
    .header('cache-control', 'no-store')
    .header('pragma', 'no-cache')
    .send({ error: e.error, error_description: asciiText(t(req.lang, `errors:${e.key}`, e.params)) });
}
