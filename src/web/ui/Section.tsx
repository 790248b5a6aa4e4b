import { type ReactNode, useId } from 'react';

interface SectionProps {
  title: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  /** an anchor to link to (`#thanh-toan`) */
  anchor?: string;
}

/** A titled panel; the heading names the region for assistive technology. */
export function Section({ title, actions, children, className, anchor }: SectionProps) {
  const id = useId();
  return (
    <section id={anchor} className={['panel', className ?? ''].join(' ').trim()} aria-labelledby={id}>
      <div className="panel-header">
        <h2 id={id}>{title}</h2>
        {actions ? <div className="panel-actions">{actions}</div> : null}
      </div>
      <div className="panel-body">{children}</div>
    </section>
  );
}
