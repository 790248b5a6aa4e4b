import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.ts';
import type { Agency, Items, Role } from '../../app/types.ts';

// Query keys start with the owning module ("identity"), so its events refresh them (app/live.ts).
export const keys = {
  users: ['identity', 'users'] as const,
  activeAgencies: ['identity', 'agencies', 'active'] as const,
  adminAgencies: ['identity', 'agencies', 'admin'] as const,
  roles: ['identity', 'roles'] as const,
  units: ['identity', 'units'] as const,
  audit: ['platform', 'audit'] as const,
  messages: ['platform', 'messages'] as const,
};

/** Active agencies, for pickers. */
export const useActiveAgencies = () =>
  useQuery({ queryKey: keys.activeAgencies, queryFn: () => api.get<Items<Agency>>('/api/agencies') });

/** Every agency, active or not, for the administration tree. */
export const useAdminAgencies = () =>
  useQuery({ queryKey: keys.adminAgencies, queryFn: () => api.get<Items<Agency>>('/api/admin/agencies') });

export const useRoles = () =>
  useQuery({
    queryKey: keys.roles,
    queryFn: () => api.get<{ items: Role[]; permissions: string[] }>('/api/admin/roles'),
  });
