import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth.tsx';
import { paths } from '../../app/paths.ts';
import { ButtonLink } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { Section } from '../../ui/Section.tsx';
import { MembershipsTable } from '../identity/MembershipsTable.tsx';
import { StatusBadge, UrgencyBadge } from '../services/labels.tsx';
import { useInbox } from '../services/officer/inbox-query.ts';
import { isOneStopOfficer } from '../services/roles.ts';
import type { Urgency } from '../services/types.ts';

const TILES: Urgency[] = ['overdue', 'due_today', 'due_soon', 'on_track', 'paused'];

/** The officer's start page: the dossiers waiting for them, by urgency, and where they work. */
/**
 * The six to do first: overdue, due today, due soon, then new dossiers waiting for the desk, then those
 * on track, paused, and the rest (results waiting to be handed over) — each group in due-date order.
 */
const FIRST: string[] = ['overdue', 'due_today', 'due_soon', 'new', 'on_track', 'paused'];
function mostUrgent<T extends { urgency: string | null; status: number }>(items: readonly T[]): T[] {
  const rank = (d: T) => {
    const i = FIRST.indexOf(d.status === 1 ? 'new' : (d.urgency ?? ''));
    return i >= 0 ? i : FIRST.length;
  };
  return [...items].sort((a, b) => rank(a) - rank(b)).slice(0, 6);
}

export function WorkspacePage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const inbox = useInbox({ status: '', q: '' }, 500);
  if (!user) return null;
  return (
    <>
      <PageHeader
        title={t('workspace.title')}
        lead={t('workspace.greeting', { name: user.fullName })}
        actions={
          <>
            {isOneStopOfficer(user) ? (
              <ButtonLink to={paths.counterIntake} variant="secondary">
                {t('nav.counter_intake')}
              </ButtonLink>
            ) : null}
            <ButtonLink to={paths.dossierRegister} variant="secondary">
              {t('nav.register_book')}
            </ButtonLink>
          </>
        }
      />
      <div className="two-columns wide-first">
        <Section
          title={t('workspace.inbox')}
          actions={
            <ButtonLink to={paths.inbox} small>
              {t('workspace.open_inbox')}
            </ButtonLink>
          }
        >
          <QueryState query={inbox}>
            {({ items }) => (
              <>
                <ul className="stat-tiles" aria-label={t('workspace.by_urgency')}>
                  {TILES.map((u) => (
                    <li key={u} className={`stat-tile stat-${u}`}>
                      <span className="stat-value">{items.filter((d) => d.urgency === u).length}</span>
                      <span className="stat-label">{t(`urgency.${u}`)}</span>
                    </li>
                  ))}
                  <li className="stat-tile stat-new">
                    <span className="stat-value">{items.filter((d) => d.status === 1).length}</span>
                    <span className="stat-label">{t('workspace.new_online')}</span>
                  </li>
                </ul>
                {items.length === 0 ? (
                  <EmptyState title={t('inbox.empty')}>
                    <p>{t('inbox.empty_text')}</p>
                  </EmptyState>
                ) : (
                  <>
                    <h3 className="subheading">{t('workspace.most_urgent')}</h3>
                    <ul className="urgent-list">
                      {mostUrgent(items).map((d) => (
                        <li key={d.id}>
                          <Link to={paths.officialDossier(d.id)} className={d.code ? 'code-link' : undefined}>
                            {d.code ?? d.applicantName}
                          </Link>
                          <span className="urgent-proc">{d.procedureName}</span>
                          <span className="badges">
                            <StatusBadge status={d.status} />
                            <UrgencyBadge urgency={d.urgency} />
                          </span>
                          {d.dueAt ? (
                            <span className="small muted">
                              {t('workspace.due_at', { at: formatDateTime(d.dueAt) })}
                            </span>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </>
            )}
          </QueryState>
        </Section>
        <Section title={t('workspace.my_agencies')}>
          <MembershipsTable memberships={user.memberships} />
        </Section>
      </div>
    </>
  );
}
