// The competent agency proposed for a report: the People's Committee of the commune the point fell in,
// or the city department that owns a city-level category. Pure: the agencies are given.

export interface AgencyRef {
  id: string;
  code: string;
  name: string;
  kind: string;
  unitCode: string;
  path: string;
}

export interface RoutingProposal {
  agency: AgencyRef | null;
  /** why this agency: the rule that chose it */
  rule: 'commune_committee' | 'category_department' | 'none';
}

export function proposeAgency(
  agencies: readonly AgencyRef[],
  unitCode: string,
  category: { ownerLevel: 'commune' | 'department'; departmentCode: string | null },
): RoutingProposal {
  if (category.ownerLevel === 'department' && category.departmentCode) {
    const dept = agencies.find((a) => a.code === category.departmentCode);
    if (dept) return { agency: dept, rule: 'category_department' };
  }
  const committee = agencies.find((a) => a.kind === 'peoples_committee' && a.unitCode === unitCode);
  return committee ? { agency: committee, rule: 'commune_committee' } : { agency: null, rule: 'none' };
}
