import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { ApiError, api } from '../../../app/api.ts';
import { type ActionResult, type Dossier, type DossierItem, keys } from '../types.ts';

export function useDossier(id: string | undefined) {
  return useQuery({
    queryKey: keys.dossier(id ?? ''),
    queryFn: () => api.get<Dossier>(`/api/dossiers/${id}`),
    enabled: !!id,
    staleTime: 0,
  });
}

export function useMyDossiers() {
  return useQuery({
    queryKey: keys.mine,
    queryFn: () => api.get<{ items: DossierItem[] }>('/api/dossiers/mine'),
  });
}

export interface ActionOutcome {
  /** what was done, for the confirmation message */
  done: string | null;
  /** the dossier changed meanwhile (409 conflict): the view was reloaded */
  conflict: boolean;
}

/**
 * Runs an action on a dossier with the revision the user saw. A conflict (someone else acted first)
 * reloads the dossier and says so; other errors go back to the form that sent them.
 */
export function useDossierActions(dossier: Dossier, onDone?: (message: string) => void) {
  const client = useQueryClient();
  const [outcome, setOutcome] = useState<ActionOutcome>({ done: null, conflict: false });
  // The revision this user's own last action produced: its refresh is no news to them.
  const own = useRef<number | null>(null);

  const run = useCallback(
    async (path: string, body: Record<string, unknown>): Promise<ActionResult> => {
      setOutcome({ done: null, conflict: false });
      try {
        const result = await api.post<ActionResult>(`/api/dossiers/${dossier.id}/${path}`, {
          ...body,
          revision: dossier.revision,
        });
        own.current = result.revision;
        // Refreshed in the background: the form reports success first.
        void client.invalidateQueries({ queryKey: keys.all });
        return result;
      } catch (err) {
        if (err instanceof ApiError && err.status === 409 && err.code === 'conflict') {
          await client.invalidateQueries({ queryKey: keys.dossier(dossier.id) });
          setOutcome({ done: null, conflict: true });
        }
        throw err;
      }
    },
    [client, dossier.id, dossier.revision],
  );

  const setDone = useCallback(
    (done: string) => {
      setOutcome({ done, conflict: false });
      onDone?.(done);
    },
    [onDone],
  );
  const clear = useCallback(() => setOutcome({ done: null, conflict: false }), []);
  return { run, outcome, setDone, clear, own };
}

export type DossierActions = ReturnType<typeof useDossierActions>;
