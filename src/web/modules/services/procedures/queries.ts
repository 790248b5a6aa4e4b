import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../app/api.ts';
import { keys, type ProcedureDetail, type ProcedureItem } from '../types.ts';

export function useProcedures(q: string) {
  return useQuery({
    queryKey: keys.procedures(q),
    queryFn: () => api.get<{ items: ProcedureItem[] }>('/api/procedures', { q }),
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });
}

export function useProcedure(code: string | undefined) {
  return useQuery({
    queryKey: keys.procedure(code ?? ''),
    queryFn: () => api.get<ProcedureDetail>(`/api/procedures/${encodeURIComponent(code ?? '')}`),
    enabled: !!code,
    staleTime: 5 * 60_000,
  });
}
