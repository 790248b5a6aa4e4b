import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiErrorAlert } from './ApiErrorAlert.tsx';
import { Loading } from './Loading.tsx';

/** Renders a query's loading and error states, and its data once there. */
export function QueryState<T>({
  query,
  children,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.isError) return <ApiErrorAlert error={query.error} />;
  return <>{children(query.data)}</>;
}
