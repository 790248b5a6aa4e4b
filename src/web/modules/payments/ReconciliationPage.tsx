import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, withQuery } from '../../app/api.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { formatDateTime, todayInVietnam } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { Table } from '../../ui/Table.tsx';
import { money } from './FeeQuoteTable.tsx';
import type { Reconciliation } from './queries.ts';
import { DateField } from '../../ui/DateField.tsx';

const OUTCOMES = [
  'matched',
  'unpaid',
  'amount_mismatch',
  'payment_without_request',
  'paid_not_recorded',
  'recorded_not_at_gateway',
  'paid_at_counter',
  'paid_after_cancellation',
] as const;
const TONE: Record<(typeof OUTCOMES)[number], 'success' | 'warning' | 'danger' | 'neutral' | 'info'> = {
  matched: 'success',
  unpaid: 'neutral',
  amount_mismatch: 'danger',
  payment_without_request: 'danger',
  paid_not_recorded: 'warning',
  recorded_not_at_gateway: 'warning',
  paid_at_counter: 'info',
  paid_after_cancellation: 'danger',
};

/** Đối soát thanh toán: requests of a period against the gateway's payments, for finance staff. */
export function ReconciliationPage() {
  const { t } = useTranslation();
  const today = todayInVietnam();
  const initial = { from: `${today.slice(0, 8)}01`, to: today };
  const [draft, setDraft] = useState(initial);
  const [period, setPeriod] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const query = useQuery({
    queryKey: ['payments', 'reconciliation', period],
    queryFn: () => api.get<Reconciliation>('/api/payments/reconciliation', period),
    placeholderData: keepPreviousData,
  });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    if (!draft.from || !draft.to || draft.from > draft.to) {
      setProblem(t('reconciliation.dates_order'));
      return;
    }
    setProblem(null);
    setPeriod(draft);
  };
  return (
    <>
      <PageHeader
        title={t('reconciliation.title')}
        lead={t('reconciliation.lead')}
        actions={
          <a
            className="btn btn-secondary"
            href={withQuery('/api/payments/reconciliation', { ...period, format: 'csv' })}
            download
          >
            {t('reconciliation.csv')}
          </a>
        }
      />
      <search>
        <form className="filter-bar" onSubmit={apply} aria-label={t('reconciliation.filter')} noValidate>
          <DateField
            id="reconcile-from"
            label={t('reconciliation.from')}
            fieldClassName="field-date"
            value={draft.from}
            onValue={(value) => setDraft({ ...draft, from: value })}
          />
          <DateField
            id="reconcile-to"
            label={t('reconciliation.to')}
            fieldClassName="field-date"
            value={draft.to}
            error={problem ?? undefined}
            onValue={(value) => setDraft({ ...draft, to: value })}
          />
          <div className="filter-actions">
            <Button type="submit">{t('reconciliation.show')}</Button>
          </div>
        </form>
      </search>
      <QueryState query={query}>
        {(report) => (
          <>
            <dl className="facts facts-wide" aria-label={t('reconciliation.summary')}>
              {OUTCOMES.map((o) => (
                <div key={o}>
                  <dt>{t(`reconciliation.outcome.${o}`)}</dt>
                  <dd>{report.counts[o] ?? 0}</dd>
                </div>
              ))}
              <div>
                <dt>{t('reconciliation.collected')}</dt>
                <dd>{money(report.totals.collectedAtGateway)}</dd>
              </div>
            </dl>
            {report.rows.length === 0 ? (
              <EmptyState title={t('reconciliation.empty')} />
            ) : (
              <Table
                caption={t('reconciliation.table')}
                rows={report.rows}
                rowKey={(r) => `${r.outcome}-${r.reference}-${r.gatewayTransactionId ?? ''}`}
                columns={[
                  {
                    key: 'reference',
                    header: t('payments.reference'),
                    rowHeader: true,
                    cell: (r) => <code>{r.reference}</code>,
                  },
                  {
                    key: 'outcome',
                    header: t('reconciliation.outcome'),
                    cell: (r) => (
                      <Badge tone={TONE[r.outcome]}>{t(`reconciliation.outcome.${r.outcome}`)}</Badge>
                    ),
                  },
                  { key: 'code', header: t('reconciliation.dossier'), cell: (r) => r.dossierCode ?? '—' },
                  {
                    key: 'requested',
                    header: t('reconciliation.requested'),
                    align: 'end',
                    cell: (r) => (r.requestAmount === null ? '—' : money(r.requestAmount)),
                  },
                  {
                    key: 'gateway',
                    header: t('reconciliation.at_gateway'),
                    align: 'end',
                    cell: (r) => (r.gatewayAmount === null ? '—' : money(r.gatewayAmount)),
                  },
                  {
                    key: 'txn',
                    header: t('reconciliation.transaction'),
                    cell: (r) => r.gatewayTransactionId ?? '—',
                  },
                  {
                    key: 'paid',
                    header: t('reconciliation.paid_at'),
                    cell: (r) => formatDateTime(r.paidAt) || '—',
                  },
                ]}
              />
            )}
          </>
        )}
      </QueryState>
    </>
  );
}
