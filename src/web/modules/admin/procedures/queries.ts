import { useQuery } from '@tanstack/react-query';
import { api } from '../../../app/api.ts';
import type { Definition } from '../../services/types.ts';

export interface CatalogueItem {
  code: string;
  name: string;
  sectorName: string;
  latestVersion: number;
  latestEffectiveFrom: string;
  versions: number;
}

export interface Versions {
  code: string;
  versions: {
    version: number;
    effectiveFrom: string;
    createdAt: string;
    state: 'in_force' | 'scheduled' | 'superseded';
  }[];
  agencies: { agencyId: string; serviceLevel: 'full' | 'partial' }[];
}

export interface Exported {
  definition: Definition;
  version: number;
  effectiveFrom: string;
}

// "services" first: a published procedure (services.procedure_published) refreshes these.
export const adminKeys = {
  catalogue: ['services', 'admin', 'catalogue'] as const,
  versions: (code: string) => ['services', 'admin', 'versions', code] as const,
  version: (code: string, version: number) => ['services', 'admin', 'version', code, version] as const,
};

export const useCatalogue = () =>
  useQuery({
    queryKey: adminKeys.catalogue,
    queryFn: () => api.get<{ items: CatalogueItem[] }>('/api/admin/procedures'),
  });

export const useVersions = (code: string | undefined) =>
  useQuery({
    queryKey: adminKeys.versions(code ?? ''),
    queryFn: () => api.get<Versions>(`/api/admin/procedures/${encodeURIComponent(code ?? '')}/versions`),
    enabled: !!code,
  });

export const exportHref = (code: string, version: number) =>
  `/api/admin/procedures/${encodeURIComponent(code)}/export?version=${version}`;

export const useVersion = (code: string | undefined, version: number | undefined) =>
  useQuery({
    queryKey: adminKeys.version(code ?? '', version ?? 0),
    queryFn: () => api.get<Exported>(exportHref(code ?? '', version ?? 0)),
    enabled: !!code && !!version,
    staleTime: Number.POSITIVE_INFINITY, // a published version never changes
  });
