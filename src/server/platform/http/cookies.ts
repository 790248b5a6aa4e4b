// Cookies without a plugin: the request's cookie header is parsed once by the access hook, and the
// few answers that set a cookie append a Set-Cookie header. (@fastify/cookie added two hooks to
// every request, a measurable share of a small authenticated answer.)
import { parseCookie, type SetCookie, stringifySetCookie } from 'cookie';
import type { FastifyReply } from 'fastify';

const NONE: Readonly<Record<string, string | undefined>> = Object.freeze({});

export function readCookies(header: string | undefined): Readonly<Record<string, string | undefined>> {
  return header ? parseCookie(header) : NONE;
}

export type CookieOptions = Omit<SetCookie, 'name' | 'value'>;

export function setCookie(reply: FastifyReply, name: string, value: string, options: CookieOptions): void {
  // Fastify keeps several Set-Cookie headers as a list.
  reply.header('set-cookie', stringifySetCookie({ name, value, ...options }));
}

export function clearCookie(reply: FastifyReply, name: string, options: CookieOptions): void {
  setCookie(reply, name, '', { ...options, expires: new Date(0), maxAge: 0 });
}
