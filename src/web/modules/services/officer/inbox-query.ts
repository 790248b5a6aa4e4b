import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../app/api.ts';
import { type DossierItem, keys } from '../types.ts';

export interface InboxFilter {
  status: string;
  q: string;
}

export function useInbox(filter: InboxFilter, limit = 200) {
  return useQuery({
    queryKey: keys.inbox({ ...filter, limit }),
    queryFn: () =>
      api.get<{ items: DossierItem[] }>('/api/dossiers/inbox', {
        status: filter.status,
        q: filter.q,
        limit,
      }),
    placeholderData: keepPreviousData,
  });
}
