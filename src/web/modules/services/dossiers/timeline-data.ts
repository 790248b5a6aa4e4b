import type { Timeline } from '../types.ts';

export interface SupplementRequest {
  at: string;
  actor: string;
  items: { name: string; reason: string }[];
  deadline: string | null;
  request: number;
}

/** The latest supplement request (form 02) in the timeline: what was asked, by whom, until when. */
export function latestSupplementRequest(timeline: Timeline[]): SupplementRequest | null {
  const entry = [...timeline].reverse().find((e) => e.action === 'request_supplement');
  if (!entry) return null;
  const data = entry.data as {
    items?: { name: string; reason: string }[];
    deadline?: string | null;
    request?: number;
  };
  return {
    at: entry.at,
    actor: entry.actor,
    items: Array.isArray(data.items) ? data.items : [],
    deadline: data.deadline ?? null,
    request: data.request ?? 1,
  };
}
