import i18next from 'i18next';

const PREFIX = 'audit.action.';

export interface ActionGroup {
  /** "user." — the server matches actions by prefix, so a group is a filter too */
  prefix: string;
  actions: string[];
}

/**
 * The audit actions the interface knows a name for (locale keys audit.action.<action>), grouped by
 * their first segment. A module that records new actions adds their names to the locale files.
 */
export function knownActions(): ActionGroup[] {
  const bundle = i18next.getResourceBundle('vi', 'web') as Record<string, string> | undefined;
  const groups = new Map<string, string[]>();
  for (const key of Object.keys(bundle ?? {})) {
    if (!key.startsWith(PREFIX) || key === `${PREFIX}any`) continue;
    const action = key.slice(PREFIX.length);
    const prefix = `${action.split('.')[0]}.`;
    groups.set(prefix, [...(groups.get(prefix) ?? []), action]);
  }
  return [...groups].map(([prefix, actions]) => ({ prefix, actions }));
}
