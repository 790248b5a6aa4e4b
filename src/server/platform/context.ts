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
