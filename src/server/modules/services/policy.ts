// Who may do what to a dossier. Officials act through memberships covering the agency that holds it.
import { can, type Principal } from '../../platform/access.ts';
import type { Actor } from './lifecycle.ts';
import type { DossierRow } from './transition.ts';

export const isApplicant = (p: Principal | null, d: DossierRow) =>
  !!p && d.applicantUserId !== null && p.userId === d.applicantUserId;

/** The official holds the current step's role in the agency holding the dossier (or above it). */
export const isStepActor = (p: Principal | null, d: DossierRow) =>
  !!p &&
  d.stepRole !== null &&
  p.memberships.some((m) => m.roleCode === d.stepRole && d.holderAgencyPath.startsWith(m.agencyPath));

export function mayAct(p: Principal | null, d: DossierRow, actors: readonly Actor[]): boolean {
  return actors.some((a) => {
    if (a === 'applicant') return isApplicant(p, d);
    if (a === 'step_role') return isStepActor(p, d);
    if (a === 'system') return false;
    return can(p, a.permission, d.holderAgencyPath);
  });
}

/**
 * Form 04 (apology and new date): the processing unit — the step's officer or a leader who approves
 * over the holder — while the dossier is being processed against a due date.
 */
export const mayApologise = (p: Principal | null, d: DossierRow) =>
  !!p && (isStepActor(p, d) || can(p, 'dossiers.approve', d.holderAgencyPath));
export const canBeApologisedFor = (d: DossierRow) => [2, 4].includes(d.status) && d.dueAt !== null;

/**
 * Officials see dossiers held by, received by or decided by an agency they belong to (or above), and
 * the agencies asked in a parallel consultation see the dossiers they were asked about.
 */
export function mayRead(
  p: Principal | null,
  d: DossierRow,
  paths: { receiving: string; competent: string; consulted?: readonly string[] },
): boolean {
  if (!p) return false;
  if (isApplicant(p, d)) return true;
  const all = [d.holderAgencyPath, paths.receiving, paths.competent, ...(paths.consulted ?? [])];
  return p.memberships.some((m) => all.some((path) => path.startsWith(m.agencyPath)));
}
