import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../../app/api.ts';
import { paths } from '../../../app/paths.ts';
import { Button } from '../../../ui/Button.tsx';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { TextField } from '../../../ui/Field.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { QueryState } from '../../../ui/QueryState.tsx';
import { Table } from '../../../ui/Table.tsx';
import { StatusBadge } from '../labels.tsx';
import { type DossierItem, keys } from '../types.ts';

type Found = { kind: 'receipt' | 'code' | 'phone' | 'id_number' | 'name'; items: DossierItem[] };

/**
 * Any dossier the official's agencies received, held, decided or were consulted on, in any status:
 * by receipt number, dossier code, the applicant's phone, ID number or name (issue 11, item 6).
 */
export function DossierSearchPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [draft, setDraft] = useState(q);
  const [tooShort, setTooShort] = useState(false);
  const query = useQuery({
    queryKey: keys.search(q),
    queryFn: () => api.get<Found>('/api/dossiers/search', { q }),
    enabled: q.trim().length >= 2,
  });

  function search(e: FormEvent) {
    e.preventDefault();
    const next = draft.trim();
    setTooShort(next.length < 2);
    if (next.length >= 2) setParams({ q: next });
  }

  return (
    <>
      <PageHeader title={t('dossier_search.title')} lead={t('dossier_search.lead')} />
      <search>
        <form className="filter-bar" onSubmit={search} aria-label={t('dossier_search.title')}>
          <TextField
            id="dossier-search-q"
            type="search"
            label={t('dossier_search.label')}
            hint={t('dossier_search.hint')}
            value={draft}
            error={tooShort ? t('dossier_search.too_short') : undefined}
            onChange={(e) => setDraft(e.target.value)}
          />
          <div className="filter-actions">
            <Button type="submit">{t('dossier_search.submit')}</Button>
          </div>
        </form>
      </search>
      {q.trim().length >= 2 ? (
        <QueryState query={query}>
          {(data) => (
            <>
              <p className="result-count" role="status">
                {t('dossier_search.count', {
                  count: data.items.length,
                  kind: t(`dossier_search.kind.${data.kind}`),
                })}
              </p>
              {data.items.length === 0 ? (
                <EmptyState title={t('dossier_search.empty')}>
                  <p>{t('dossier_search.empty_text')}</p>
                </EmptyState>
              ) : (
                <Table
                  caption={t('dossier_search.caption')}
                  captionHidden
                  rows={data.items}
                  rowKey={(d) => d.id}
                  columns={[
                    {
                      key: 'dossier',
                      header: t('inbox.dossier'),
                      rowHeader: true,
                      cell: (d) => (
                        <>
                          <Link to={paths.officialDossier(d.id)}>
                            {d.code ?? d.receiptNo ?? d.procedureName}
                          </Link>
                          <span className="cell-sub">{d.procedureName}</span>
                        </>
                      ),
                    },
                    {
                      key: 'applicant',
                      header: t('inbox.applicant'),
                      cell: (d) => (
                        <>
                          {d.applicantName}
                          <span className="cell-sub">{formatDateTime(d.submittedAt)}</span>
                        </>
                      ),
                    },
                    {
                      key: 'status',
                      header: t('common.status'),
                      cell: (d) => (
                        <>
                          <StatusBadge status={d.status} />
                          <span className="cell-sub">{d.holderAgencyName}</span>
                        </>
                      ),
                    },
                  ]}
                />
              )}
            </>
          )}
        </QueryState>
      ) : null}
    </>
  );
}
