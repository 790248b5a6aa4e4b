import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ForbiddenPage } from '../modules/public/ForbiddenPage.tsx';
import { Loading } from '../ui/Loading.tsx';
import { useAuth } from './auth.tsx';
import { paths } from './paths.ts';
import type { User } from './types.ts';

interface RequireProps {
  /** only this kind of user */
  kind?: User['kind'];
  /** at least one of these permissions */
  anyOf?: readonly string[];
  children?: ReactNode;
}

/** Protects a route: guests go to the login page (with a return path), others without the right see "forbidden". */
export function Require({ kind, anyOf, children }: RequireProps) {
  const { user, loading, can } = useAuth();
  const location = useLocation();
  if (loading) return <Loading />;
  if (!user) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`${paths.login}?next=${encodeURIComponent(next)}`} replace />;
  }
  if (kind && user.kind !== kind) return <ForbiddenPage />;
  if (anyOf && !anyOf.some(can)) return <ForbiddenPage />;
  return <>{children ?? <Outlet />}</>;
}

/** Where a user lands after signing in. */
export function homeOf(user: User): string {
  return user.kind === 'official' ? paths.workspace : paths.myDossiers;
}
