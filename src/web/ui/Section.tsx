import { type ReactNode, useId } from 'react';

interface SectionProps {
  title: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}

/** A titled panel; the heading names the region for assistive technology. */
export function Section({ title, actions, children, className }: SectionProps) {
  const id = useId();
  return (
    <section className={['panel', className ?? ''].join(' ').trim()} aria-labelledby={id}>
      <div className="panel-header">
        <h2 id={id}>{title}</h2>
        {actions ? <div className="panel-actions">{actions}</div> : null}
      </div>
      <div className="panel-body">{children}</div>
    </section>
  );
}
