import type { Principal } from './access.ts';
import type { Language } from './i18n/index.ts';

/** What a command knows about the request that called it (or the job/CLI that stands in for one). */
export interface ActionContext {
  actor: Principal | null;
  /** shown in the audit log when there is no user (e.g. "system", "cli") */
  actorLabel?: string;
  requestId: string | null;
  ip: string | null;
  lang: Language;
}

export const systemContext = (label = 'system'): ActionContext => ({
  actor: null,
  actorLabel: label,
  requestId: null,
  ip: null,
  lang: 'vi',
});

/** What a job needs of the request whose work it finishes (in its payload), to audit as that request. */
export const requestTrace = (ctx: ActionContext) => ({ ip: ctx.ip, requestId: ctx.requestId });

/** The context of a job that finishes a request's work: the request's address and id, no actor. */
export const deferredContext = (payload: Record<string, unknown>, label = 'system'): ActionContext => ({
  actor: null,
  actorLabel: label,
  ip: typeof payload.ip === 'string' ? payload.ip : null,
  requestId: typeof payload.requestId === 'string' ? payload.requestId : null,
  lang: 'vi',
});
