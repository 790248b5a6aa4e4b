import type { ReactNode } from 'react';

type Kind = 'info' | 'success' | 'warning' | 'error';

interface AlertProps {
  kind?: Kind;
  title?: ReactNode;
  children?: ReactNode;
  /** announce the alert when it appears (errors: assertive, others: polite) */
  live?: boolean;
}

export function Alert({ kind = 'info', title, children, live }: AlertProps) {
  const role = live ? (kind === 'error' ? 'alert' : 'status') : undefined;
  return (
    <div className={`alert alert-${kind}`} role={role}>
      {title ? <p className="alert-title">{title}</p> : null}
      {children ? <div className="alert-body">{children}</div> : null}
    </div>
  );
}
