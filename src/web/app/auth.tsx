import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, api, setAuthLostHandler, setCsrfToken } from './api.ts';
import { currentLanguage, setLanguage, storedLanguage } from './i18n.ts';
import type { Session, User } from './types.ts';

export const SESSION_KEY = ['session'] as const;

interface AuthValue {
  session: Session | undefined;
  user: User | null;
  loading: boolean;
  /** why the user was sent to the login page, if the server ended the session */
  lostReason: 'session_expired' | 'unauthenticated' | null;
  /** Adopts a session answered by login or register. */
  signedIn(view: Session): Promise<void>;
  /** Ends this session (or all of them); `leave` runs once the server agreed, before the session resets. */
  signOut(everywhere?: boolean, leave?: () => void): Promise<void>;
  /** Called when the server answers 401 on a protected call. */
  sessionLost(reason: 'session_expired' | 'unauthenticated'): void;
  can(permission: string): boolean;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [lostReason, setLostReason] = useState<AuthValue['lostReason']>(null);
  const query = useQuery({
    queryKey: SESSION_KEY,
    queryFn: () => api.get<Session>('/api/auth/session'),
    staleTime: 5 * 60_000,
    retry: 1,
  });
  const session = query.data;
  useEffect(() => setCsrfToken(session?.csrfToken ?? null), [session?.csrfToken]);

  const signedIn = useCallback(
    async (view: Session) => {
      setCsrfToken(view.csrfToken);
      setLostReason(null);
      await queryClient.cancelQueries({ queryKey: SESSION_KEY });
      // Drop whatever the previous identity could see, then adopt the new session.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
      queryClient.setQueryData(SESSION_KEY, view);
      const user = view.user;
      if (!user) return;
      // A language chosen on this device follows the user into the account; otherwise the account's wins.
      const chosen = storedLanguage();
      if (chosen && chosen !== user.locale) {
        const updated = await api.patch<Session>('/api/account', { locale: chosen }).catch(() => null);
        if (updated) queryClient.setQueryData(SESSION_KEY, updated);
      } else if (!chosen && user.locale !== currentLanguage()) {
        await setLanguage(user.locale);
      }
    },
    [queryClient],
  );

  const signOut = useCallback(
    async (everywhere = false, leave?: () => void) => {
      try {
        await api.post(everywhere ? '/api/auth/logout-all' : '/api/auth/logout');
      } catch (err) {
        // Already signed out on the server (expired): finish here too.
        if (!(err instanceof ApiError && err.status === 401)) throw err;
      }
      leave?.();
      setCsrfToken(null);
      // A session request started before the logout (e.g. after a live event) must not bring the user back.
      await queryClient.cancelQueries({ queryKey: SESSION_KEY });
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
      queryClient.setQueryData<Session>(SESSION_KEY, (old) =>
        old ? { ...old, user: null, csrfToken: null } : old,
      );
      await queryClient.invalidateQueries({ queryKey: SESSION_KEY });
    },
    [queryClient],
  );

  const sessionLost = useCallback(
    (reason: 'session_expired' | 'unauthenticated') => {
      setLostReason(reason);
      void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
    },
    [queryClient],
  );

  useEffect(() => setAuthLostHandler(sessionLost), [sessionLost]);

  const value = useMemo<AuthValue>(() => {
    const user = session?.user ?? null;
    const permissions = new Set(user?.permissions ?? []);
    return {
      session,
      user,
      loading: query.isPending,
      lostReason,
      signedIn,
      signOut,
      sessionLost,
      can: (permission) => permissions.has(permission),
    };
  }, [session, query.isPending, lostReason, signedIn, signOut, sessionLost]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
