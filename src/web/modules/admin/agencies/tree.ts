import { localName } from '../../../app/names.ts';
import type { Agency } from '../../../app/types.ts';
import { compareVietnamese } from '../../../../contracts/collation.ts';

export interface AgencyNode {
  agency: Agency;
  children: AgencyNode[];
  depth: number;
}

// Departments first, then service centres and desks, then the communes' People's Committees.
const KIND_ORDER: Record<Agency['kind'], number> = {
  department: 0,
  service_centre: 1,
  one_stop_desk: 2,
  division: 3,
  other: 4,
  peoples_committee: 5,
};
const byKindAndName = (a: AgencyNode, b: AgencyNode) =>
  KIND_ORDER[a.agency.kind] - KIND_ORDER[b.agency.kind] || compareVietnamese(a.agency.name, b.agency.name);

/** Builds the agency tree from parentId; agencies whose parent is not in the list become roots. */
export function buildAgencyTree(agencies: readonly Agency[]): AgencyNode[] {
  const nodes = new Map<string, AgencyNode>();
  for (const agency of agencies) nodes.set(agency.id, { agency, children: [], depth: 0 });
  const roots: AgencyNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.agency.parentId ? nodes.get(node.agency.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const setDepth = (list: AgencyNode[], depth: number) => {
    list.sort(byKindAndName);
    for (const node of list) {
      node.depth = depth;
      setDepth(node.children, depth + 1);
    }
  };
  setDepth(roots, 0);
  return roots;
}

/** The tree in reading order, for indented pickers. */
export function flattenTree(roots: readonly AgencyNode[]): AgencyNode[] {
  const out: AgencyNode[] = [];
  const walk = (list: readonly AgencyNode[]) => {
    for (const node of list) {
      out.push(node);
      walk(node.children);
    }
  };
  walk(roots);
  return out;
}

/** Ids of an agency and everything below it (an agency cannot move under itself). */
export function subtreeIds(roots: readonly AgencyNode[], id: string): Set<string> {
  const found = flattenTree(roots).find((n) => n.agency.id === id);
  return new Set(found ? flattenTree([found]).map((n) => n.agency.id) : []);
}

/** An option label indented by depth, readable in a native select. */
export function indentedName(node: AgencyNode): string {
  return `${'\u00a0\u00a0\u00a0'.repeat(node.depth)}${node.depth > 0 ? '└ ' : ''}${localName(node.agency)}`;
}
