// Who may do what to a report. Operators of the operations centre triage city-wide; an agency acts on
// reports it holds (its subtree); its leaders take escalations; followers rate.
import { can, hasPermission, type Principal } from '../../platform/access.ts';
import type { ReportActor } from './lifecycle.ts';

export const PERMISSIONS = {
  triage: 'feedback.triage',
  handle: 'feedback.handle',
  lead: 'feedback.lead',
  manage: 'feedback.manage',
} as const;

export const isOperator = (p: Principal | null) => hasPermission(p, PERMISSIONS.triage);

export const handlesAgency = (p: Principal | null, agencyPath: string | null) =>
  !!agencyPath && can(p, PERMISSIONS.handle, agencyPath);

export const leadsAgency = (p: Principal | null, agencyPath: string | null) =>
  !!agencyPath && can(p, PERMISSIONS.lead, agencyPath);

/** Whether the principal acts as one of the actors of a transition on a report held at `agencyPath`. */
export function actsAs(
  p: Principal | null,
  actors: readonly ReportActor[],
  agencyPath: string | null,
): boolean {
  return actors.some((a) => {
    if (a === 'operator') return isOperator(p);
    if (a === 'agency') return handlesAgency(p, agencyPath);
    if (a === 'leader') return leadsAgency(p, agencyPath);
    return false;
  });
}

/** The handling side may read private details (contacts, unredacted text) of a report. */
export const mayReadPrivate = (p: Principal | null, agencyPath: string | null) =>
  isOperator(p) || handlesAgency(p, agencyPath) || leadsAgency(p, agencyPath);
