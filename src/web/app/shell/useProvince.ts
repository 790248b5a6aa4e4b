import { useQuery } from '@tanstack/react-query';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { currentLanguage } from '../i18n.ts';
import type { Items, Unit } from '../types.ts';

/** The deployment's province or city (its code comes with the session) and its communes valid today. */
export function useProvinceUnits(enabled = true) {
  const { session } = useAuth();
  const code = session?.provinceCode;
  return useQuery({
    queryKey: ['identity', 'units', 'province', code],
    queryFn: async () => {
      const { items } = await api.get<Items<Unit>>('/api/units', { parent: code });
      return {
        province: items.find((u) => u.code === code) ?? null,
        communes: items.filter((u) => u.code !== code),
      };
    },
    enabled: enabled && !!code,
    staleTime: 60 * 60_000,
  });
}

export function useProvince(enabled = true): Unit | null {
  return useProvinceUnits(enabled).data?.province ?? null;
}

export function unitName(unit: Pick<Unit, 'fullName' | 'nameEn'>): string {
  return currentLanguage() === 'en' && unit.nameEn ? unit.nameEn : unit.fullName;
}
