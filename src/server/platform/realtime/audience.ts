import type { Principal } from '../access.ts';
import type { Audience } from '../events/index.ts';

/** A principal's grants, indexed once: permission → agency paths it is held over. */
interface Grants {
  paths: Map<string, string[]>;
  anyPaths: string[];
}

const grantsOf = new WeakMap<Principal, Grants>();

function grants(p: Principal): Grants {
  let g = grantsOf.get(p);
  if (!g) {
    const paths = new Map<string, string[]>();
    for (const m of p.memberships)
      for (const permission of m.permissions) {
        const list = paths.get(permission) ?? [];
        list.push(m.agencyPath);
        paths.set(permission, list);
      }
    g = { paths, anyPaths: p.memberships.map((m) => m.agencyPath) };
    grantsOf.set(p, g);
  }
  return g;
}

/** An audience turned once per event into a test of a principal (the same rule as `canSee`). */
export type AudienceTest = (p: Principal) => boolean;

export function compileAudience(audience: Audience): AudienceTest {
  if (audience.public) return () => true;
  const users = audience.userIds?.length ? new Set(audience.userIds) : null;
  const { permission } = audience;
  const agencyPaths = audience.agencyPaths?.length ? audience.agencyPaths : null;
  const covers = (held: string[] | undefined) =>
    !!held && agencyPaths!.some((path) => held.some((prefix) => path.startsWith(prefix)));
  return (p) => {
    if (users?.has(p.userId)) return true;
    if (agencyPaths) return covers(permission ? grants(p).paths.get(permission) : grants(p).anyPaths);
    if (permission) return grants(p).paths.has(permission);
    return false;
  };
}
