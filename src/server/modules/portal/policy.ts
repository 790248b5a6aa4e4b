// Who may do what in the portal: editors and reviewers per agency (and the agencies below it), through
// the permissions of their roles; the section's agency decides.
import { can, type Principal } from '../../platform/access.ts';
import type { EditionActor } from './editions.ts';

export const PORTAL_PERMISSIONS = {
  edit: 'portal.edit',
  review: 'portal.review',
  investment: 'investment.manage',
} as const;

export const mayEdit = (p: Principal | null, agencyPath: string) =>
  can(p, PORTAL_PERMISSIONS.edit, agencyPath);
export const mayReview = (p: Principal | null, agencyPath: string) =>
  can(p, PORTAL_PERMISSIONS.review, agencyPath);

/** The roles the principal can act in over a section, strongest first. */
export function editionActors(p: Principal | null, agencyPath: string): EditionActor[] {
  const out: EditionActor[] = [];
  if (mayReview(p, agencyPath)) out.push('reviewer');
  if (mayEdit(p, agencyPath)) out.push('editor');
  return out;
}

export const mayManageInvestment = (p: Principal | null, agencyPath: string) =>
  can(p, PORTAL_PERMISSIONS.investment, agencyPath);
