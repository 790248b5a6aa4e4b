import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../../app/paths.ts';
import { api, withQuery } from '../../../app/api.ts';
import { Button } from '../../../ui/Button.tsx';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { SelectField } from '../../../ui/Field.tsx';
import { formatDateTime, todayInVietnam } from '../../../ui/format.ts';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { QueryState } from '../../../ui/QueryState.tsx';
import { Table } from '../../../ui/Table.tsx';
import { STATUSES, StatusBadge } from '../labels.tsx';
import { keys, type RegisterEntry } from '../types.ts';
import { DateField } from '../../../ui/DateField.tsx';

interface Filter {
  from: string;
  to: string;
  status: string;
}

function firstOfMonth(today: string) {
  return `${today.slice(0, 8)}01`;
}

/** Sổ theo dõi hồ sơ (form 07): dossiers received in a period, to read here or download as CSV or PDF. */
export function RegisterPage() {
  const { t } = useTranslation();
  const today = todayInVietnam();
  const initial: Filter = { from: firstOfMonth(today), to: today, status: '' };
  const [draft, setDraft] = useState(initial);
  const [filter, setFilter] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const query = useQuery({
    queryKey: keys.register(filter),
    queryFn: () => api.get<{ items: RegisterEntry[] }>('/api/register', { ...filter, format: 'json' }),
    placeholderData: keepPreviousData,
  });

  function apply(e: FormEvent) {
    e.preventDefault();
    if (!draft.from || !draft.to) {
      setProblem(t('register_book.dates_required'));
      return;
    }
    if (draft.from > draft.to) {
      setProblem(t('register_book.dates_order'));
      return;
    }
    setProblem(null);
    setFilter(draft);
  }

  const download = (format: 'csv' | 'xlsx' | 'pdf') => withQuery('/api/register', { ...filter, format });
  return (
    <>
      <PageHeader
        title={t('register_book.title')}
        lead={t('register_book.lead')}
        actions={
          <>
            <a className="btn btn-secondary" href={download('csv')} download>
              {t('register_book.csv')}
            </a>
            <a className="btn btn-secondary" href={download('xlsx')} download>
              {t('register_book.xlsx')}
            </a>
            <a className="btn btn-secondary" href={download('pdf')} download>
              {t('register_book.pdf')}
            </a>
          </>
        }
      />
      <search>
        <form className="filter-bar" onSubmit={apply} aria-label={t('register_book.filter')} noValidate>
          <DateField
            id="register-from"
            label={t('register_book.from')}
            fieldClassName="field-date"
            value={draft.from}
            error={problem && !draft.from ? problem : undefined}
            onValue={(value) => setDraft({ ...draft, from: value })}
          />
          <DateField
            id="register-to"
            label={t('register_book.to')}
            fieldClassName="field-date"
            value={draft.to}
            error={problem && draft.from > draft.to ? problem : undefined}
            onValue={(value) => setDraft({ ...draft, to: value })}
          />
          <SelectField
            id="register-status"
            label={t('common.status')}
            value={draft.status}
            onChange={(e) => setDraft({ ...draft, status: e.target.value })}
          >
            <option value="">{t('common.all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`dossier.status.${s}`)}
              </option>
            ))}
          </SelectField>
          <div className="filter-actions">
            <Button type="submit">{t('register_book.show')}</Button>
          </div>
        </form>
      </search>
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      <QueryState query={query}>
        {({ items }) => (
          <>
            <p className="result-count" role="status">
              {t('register_book.count', {
                count: items.length,
                from: formatDateTime(`${filter.from}T00:00:00+07:00`).slice(0, 10),
                to: formatDateTime(`${filter.to}T00:00:00+07:00`).slice(0, 10),
              })}
            </p>
            {items.length === 0 ? (
              <EmptyState title={t('register_book.empty')} />
            ) : (
              <Table
                caption={t('register_book.title')}
                captionHidden
                rows={items.map((e, i) => ({ ...e, n: i + 1 }))}
                rowKey={(e) => e.id}
                columns={[
                  { key: 'n', header: t('register_book.n'), align: 'end', cell: (e) => e.n },
                  {
                    key: 'code',
                    header: t('register_book.code'),
                    rowHeader: true,
                    cell: (e) => (
                      <Link to={paths.officialDossier(e.id)} className="nowrap">
                        {e.code ? <code>{e.code}</code> : e.procedureName}
                      </Link>
                    ),
                  },
                  {
                    key: 'procedure',
                    header: t('dossier.procedure'),
                    className: 'col-wide',
                    cell: (e) => e.procedureName,
                  },
                  {
                    key: 'applicant',
                    header: t('inbox.applicant'),
                    className: 'col-mid',
                    cell: (e) => (
                      <>
                        {e.applicantName}
                        {e.applicantPhone ? <span className="cell-sub">{e.applicantPhone}</span> : null}
                      </>
                    ),
                  },
                  {
                    key: 'agencies',
                    header: t('register_book.agencies'),
                    className: 'col-wide',
                    cell: (e) => (
                      <>
                        {e.receivingAgency}
                        {e.competentAgency !== e.receivingAgency ? (
                          <span className="cell-sub">{e.competentAgency}</span>
                        ) : null}
                      </>
                    ),
                  },
                  {
                    key: 'status',
                    header: t('common.status'),
                    cell: (e) => <StatusBadge status={e.status} />,
                  },
                  {
                    key: 'received',
                    header: t('register_book.received'),
                    cell: (e) => <span className="nowrap">{formatDateTime(e.receivedAt)}</span>,
                  },
                  {
                    key: 'due',
                    header: t('dossier.due'),
                    cell: (e) => <span className="nowrap">{formatDateTime(e.dueAt) || '—'}</span>,
                  },
                  {
                    key: 'result',
                    header: t('register_book.result'),
                    cell: (e) => <span className="nowrap">{formatDateTime(e.resultReceivedAt) || '—'}</span>,
                  },
                  {
                    key: 'returned',
                    header: t('register_book.returned'),
                    cell: (e) => <span className="nowrap">{formatDateTime(e.returnedAt) || '—'}</span>,
                  },
                  // Why a dossier ended without a result, or waits on the applicant (refused, withdrawn, stopped, paused).
                  { key: 'note', header: t('register_book.note'), cell: (e) => e.note ?? '' },
                ]}
              />
            )}
          </>
        )}
      </QueryState>
    </>
  );
}
