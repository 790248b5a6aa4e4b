import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../app/paths.ts';
import { ButtonLink } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { Section } from '../../ui/Section.tsx';
import { useMyDossiers } from '../services/dossiers/queries.ts';
import { StatusBadge, UrgencyBadge } from '../services/labels.tsx';
import type { DossierItem } from '../services/types.ts';

/**
 * What the applicant does next, by the dossier's status: supplement (5), pay (6), collect the result
 * (9); otherwise the agency is at work (or it is over) and there is nothing to do.
 */
export function nextActionKey(status: number): string {
  if (status === 5 || status === 6 || status === 9) return `my_dossiers.next.${status}`;
  return [3, 7, 8, 10].includes(status) ? 'my_dossiers.next.closed' : 'my_dossiers.next.wait';
}

/**
 * A citizen's dossiers, newest first: one card each (fits a phone), with its code, procedure, status,
 * due date and what to do next.
 */
export function MyDossiersPage() {
  const { t } = useTranslation();
  const query = useMyDossiers();
  return (
    <>
      <PageHeader
        title={t('my_dossiers.title')}
        lead={t('my_dossiers.lead')}
        actions={<ButtonLink to={paths.procedures}>{t('my_dossiers.new')}</ButtonLink>}
      />
      <Section title={t('my_dossiers.list')}>
        <QueryState query={query}>
          {({ items }) =>
            items.length === 0 ? (
              <EmptyState title={t('my_dossiers.empty')}>
                <p>{t('my_dossiers.empty_text')}</p>
              </EmptyState>
            ) : (
              <ul className="dossier-cards">
                {items.map((d) => (
                  <DossierCard key={d.id} dossier={d} />
                ))}
              </ul>
            )
          }
        </QueryState>
      </Section>
    </>
  );
}

function DossierCard({ dossier: d }: { dossier: DossierItem }) {
  const { t } = useTranslation();
  const act = [5, 6, 9].includes(d.status);
  return (
    <li className="dossier-card">
      <p className="dossier-card-code">
        {d.code ? (
          <code>{d.code}</code>
        ) : d.receiptNo ? (
          <>
            {t('dossier.receipt_no')} <code>{d.receiptNo}</code>
          </>
        ) : (
          t('dossier.waiting_code')
        )}
      </p>
      <h3 className="dossier-card-title">
        <Link to={paths.myDossier(d.id)}>{d.procedureName}</Link>
      </h3>
      <dl className="dossier-card-facts">
        <div>
          <dt>{t('common.status')}</dt>
          <dd>
            <StatusBadge status={d.status} />
          </dd>
        </div>
        <div>
          <dt>{t('dossier.due')}</dt>
          <dd>
            {d.dueAt ? (
              <>
                <span className="nowrap">{formatDateTime(d.dueAt)}</span> <UrgencyBadge urgency={d.urgency} />
              </>
            ) : (
              <span className="muted">{t('dossier.no_due')}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('dossier.holder')}</dt>
          <dd>{d.holderAgencyName}</dd>
        </div>
        <div>
          <dt>{t('dossier.submitted_at')}</dt>
          <dd className="nowrap">{formatDateTime(d.submittedAt)}</dd>
        </div>
      </dl>
      <p className="dossier-card-next">
        <span className="dossier-card-next-label">{t('my_dossiers.next_label')}: </span>
        {act ? (
          <Link to={paths.myDossier(d.id)} className="dossier-card-action">
            {t(nextActionKey(d.status))}
          </Link>
        ) : (
          t(nextActionKey(d.status))
        )}
      </p>
    </li>
  );
}
