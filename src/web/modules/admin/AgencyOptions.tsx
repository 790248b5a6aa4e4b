import type { Agency } from '../../app/types.ts';
import { buildAgencyTree, flattenTree, indentedName } from './agencies/tree.ts';

/** <option>s of agencies in tree order, indented by depth. */
export function AgencyOptions({ agencies, exclude }: { agencies: readonly Agency[]; exclude?: Set<string> }) {
  return (
    <>
      {flattenTree(buildAgencyTree(agencies))
        .filter((n) => !exclude?.has(n.agency.id))
        .map((n) => (
          <option key={n.agency.id} value={n.agency.id}>
            {indentedName(n)}
          </option>
        ))}
    </>
  );
}
