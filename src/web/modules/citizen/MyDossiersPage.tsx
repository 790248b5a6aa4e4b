import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../app/paths.ts';
import { ButtonLink } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { Section } from '../../ui/Section.tsx';
import { Table } from '../../ui/Table.tsx';
import { useMyDossiers } from '../services/dossiers/queries.ts';
import { StatusBadge, UrgencyBadge } from '../services/labels.tsx';

/** A citizen's dossiers, newest first, with where each one is and until when. */
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
              <Table
                caption={t('my_dossiers.list')}
                captionHidden
                rows={items}
                rowKey={(d) => d.id}
                columns={[
                  {
                    key: 'procedure',
                    header: t('dossier.procedure'),
                    rowHeader: true,
                    cell: (d) => (
                      <>
                        <Link to={paths.myDossier(d.id)}>{d.procedureName}</Link>
                        <span className="cell-sub">
                          {d.code ? (
                            <code>{d.code}</code>
                          ) : d.receiptNo ? (
                            <>
                              {t('dossier.receipt_no')} <code>{d.receiptNo}</code>
                            </>
                          ) : (
                            t('dossier.waiting_code')
                          )}
                        </span>
                      </>
                    ),
                  },
                  {
                    key: 'status',
                    header: t('common.status'),
                    cell: (d) => <StatusBadge status={d.status} />,
                  },
                  { key: 'holder', header: t('dossier.holder'), cell: (d) => d.holderAgencyName },
                  {
                    key: 'submitted',
                    header: t('dossier.submitted_at'),
                    cell: (d) => <span className="nowrap">{formatDateTime(d.submittedAt)}</span>,
                  },
                  {
                    key: 'due',
                    header: t('dossier.due'),
                    cell: (d) =>
                      d.dueAt ? (
                        <>
                          <span className="nowrap">{formatDateTime(d.dueAt)}</span>
                          <span className="cell-line">
                            <UrgencyBadge urgency={d.urgency} />
                          </span>
                        </>
                      ) : (
                        <span className="muted">—</span>
                      ),
                  },
                ]}
              />
            )
          }
        </QueryState>
      </Section>
    </>
  );
}
