import type { ReactNode } from 'react';
import { usePageTitle } from '../app/page-title.tsx';

interface PageHeaderProps {
  title: string;
  /** a short line under the title */
  lead?: ReactNode;
  /** buttons shown beside the title */
  actions?: ReactNode;
}

/** The page's one h1; it also sets document.title and announces the page to screen readers. */
export function PageHeader({ title, lead, actions }: PageHeaderProps) {
  usePageTitle(title);
  return (
    <div className="page-header">
      <div>
        <h1>{title}</h1>
        {lead ? <p className="page-lead">{lead}</p> : null}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </div>
  );
}
