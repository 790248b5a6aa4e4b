import type { User } from '../../app/types.ts';

/** One-stop-desk officers receive at the counter (the memberships name the role). */
export function isOneStopOfficer(user: User): boolean {
  return user.kind === 'official' && user.memberships.some((m) => m.roleCode === 'one_stop_officer');
}

/** The agencies where the user works at the one-stop desk. */
export function deskAgencies(user: User): { id: string; name: string }[] {
  return user.memberships
    .filter((m) => m.roleCode === 'one_stop_officer')
    .map((m) => ({ id: m.agencyId, name: m.agencyName }));
}
