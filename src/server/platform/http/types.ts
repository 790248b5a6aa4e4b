import type { Principal } from '../access.ts';
import type { ActionContext } from '../context.ts';
import type { Language } from '../i18n/index.ts';

/**
 * How a route is reached: by anyone, by any signed-in user, or by holders of a permission (somewhere,
 * or with `city: true` at the root of the agency tree: routes that change city-wide objects such as the
 * procedure catalogue, the working calendar or the national sync, which no agency owns).
 */
export type RouteAccess =
  | 'public'
  | 'authenticated'
  | { permission: string; city?: true }
  | { kind: 'citizen' | 'official' };

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    lang: Language;
    /** the request's cookies, parsed once by the access hook */
    cookies: Readonly<Record<string, string | undefined>>;
    /** the context commands receive */
    ctx(): ActionContext;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyInstance {
    /** the largest upload accepted (bytes): a refusal says it */
    uploadLimit: number;
  }
}
