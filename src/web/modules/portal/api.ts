import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.ts';

export interface EditionRow {
  itemId: string;
  sectionCode: string;
  lang: string;
  number: number;
  state: string;
  title: string;
  lockVersion: number;
  updatedAt: string;
  scheduledAt: string | null;
  scheduleError: string | null;
}

export interface Edition {
  id: string;
  itemId: string;
  lang: string;
  number: number;
  state: string;
  title: string;
  summary: string;
  body: { type: 'doc'; content: unknown[] };
  slug: string;
  changeNote: string | null;
  major: boolean;
  lockVersion: number;
  scheduledAt: string | null;
  scheduleError: string | null;
}

export interface Section {
  id: string;
  code: string;
  names: Record<string, string>;
  site: Record<string, string>;
}

export const useEditions = () =>
  useQuery({
    queryKey: ['portal', 'editions'],
    queryFn: () => api.get<{ items: EditionRow[] }>('/api/portal/editions'),
  });
export const useSections = () =>
  useQuery({
    queryKey: ['portal', 'sections'],
    queryFn: () => api.get<{ items: Section[] }>('/api/portal/sections'),
  });
export const useItem = (itemId: string) =>
  useQuery({
    queryKey: ['portal', 'item', itemId],
    queryFn: () => api.get<{ editions: Edition[] }>(`/api/portal/items/${itemId}`),
  });
