import type { z } from 'zod';
import type { ErrorResponse } from '../../contracts/common.ts';
import { currentLanguage } from './i18n.ts';

type ErrorBody = z.infer<typeof ErrorResponse>['error'];
export type FieldProblem = NonNullable<ErrorBody['fields']>[number];

/** An error answered by the server ({ error: { code, message, requestId, fields? } }), or a network failure. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | null;
  readonly fields: FieldProblem[];

  constructor(status: number, body: Partial<ErrorBody>) {
    super(body.message ?? body.code ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code ?? (status === 0 ? 'network' : 'internal');
    this.requestId = body.requestId ?? null;
    this.fields = body.fields ?? [];
  }

  get isAuthLost(): boolean {
    return this.status === 401 && (this.code === 'session_expired' || this.code === 'unauthenticated');
  }
}

type LostHandler = (reason: 'session_expired' | 'unauthenticated') => void;
let onAuthLost: LostHandler = () => {};
/** The auth provider registers how to react when the server says the session is gone. */
export function setAuthLostHandler(handler: LostHandler) {
  onAuthLost = handler;
}

let csrfToken: string | null = null;
/** The session's CSRF token, echoed on every write. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}
/** The token for writes made outside this client (uploads with progress through XMLHttpRequest). */
export function getCsrfToken(): string | null {
  return csrfToken;
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Turns a failed response's body into the ApiError the rest of the app expects. */
export function errorFromResponse(status: number, text: string): ApiError {
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  return new ApiError(status, (data as { error?: Partial<ErrorBody> } | null)?.error ?? {});
}

async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  extraHeaders?: Record<string, string>,
): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': currentLanguage(),
    ...extraHeaders,
  };
  if (method !== 'GET') {
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
    if (body !== undefined) headers['content-type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, { code: 'network' });
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const err = new ApiError(res.status, (data as { error?: Partial<ErrorBody> } | null)?.error ?? {});
    // A protected call found no session: the app sends the user to the login page.
    if (err.isAuthLost && !path.startsWith('/api/auth/'))
      onAuthLost(err.code as 'session_expired' | 'unauthenticated');
    throw err;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
    request<T>('POST', path, body, headers),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
