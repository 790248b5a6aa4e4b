import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { Alert } from '../../ui/Alert.tsx';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert.tsx';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { SelectField } from '../../ui/Field.tsx';
import { formatDateTime, formatNumber, todayInVietnam } from '../../ui/format.ts';
import { useFormErrors } from '../../ui/form.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { Section } from '../../ui/Section.tsx';
import { Table } from '../../ui/Table.tsx';
import { keys, type Reconciliation, type SyncState, type SyncStatus } from './types.ts';
import { DateField } from '../../ui/DateField.tsx';

const STATE_TONE: Record<SyncState, string> = {
  pending: 'stat-due_soon',
  synced: 'stat-on_track',
  failed: 'stat-overdue',
};

/** The DVCQG sync: how many dossiers wait, are synced or failed; failures with re-send; reconciliation. */
export function DvcqgSyncPage() {
  const { t } = useTranslation();
  const [state, setState] = useState<SyncState>('failed');
  const client = useQueryClient();
  const status = useQuery({
    queryKey: [...keys.dvcqg, state],
    queryFn: () => api.get<SyncStatus>('/api/admin/dvcqg/sync', { state, limit: 100 }),
  });
  const resend = useMutation({
    mutationFn: (body: { dossierId?: string; allFailed?: true }) =>
      api.post<{ queued: number }>('/api/admin/dvcqg/sync/resend', body),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.dvcqg }),
  });
  return (
    <>
      <PageHeader title={t('dvcqg.title')} lead={t('dvcqg.lead')} />
      <QueryState query={status}>
        {(data) => (
          <>
            {!data.configured ? <Alert kind="warning">{t('dvcqg.not_configured')}</Alert> : null}
            <ul className="stat-tiles" aria-label={t('dvcqg.counts')}>
              {(['pending', 'synced', 'failed'] as const).map((s) => (
                <li key={s} className={`stat-tile ${STATE_TONE[s]}`}>
                  <span className="stat-value">{formatNumber(data.counts[s])}</span>
                  <span className="stat-label">{t(`dvcqg.state.${s}`)}</span>
                </li>
              ))}
            </ul>
            <Section
              title={t('dvcqg.list_title')}
              actions={
                data.counts.failed > 0 && data.configured ? (
                  <Button
                    small
                    variant="secondary"
                    busy={resend.isPending}
                    onClick={() => resend.mutate({ allFailed: true })}
                  >
                    {t('dvcqg.resend_all', { count: data.counts.failed })}
                  </Button>
                ) : null
              }
            >
              <SelectField
                id="dvcqg-state"
                label={t('dvcqg.show')}
                value={state}
                onChange={(e) => setState(e.target.value as SyncState)}
              >
                {(['failed', 'pending', 'synced'] as const).map((s) => (
                  <option key={s} value={s}>
                    {t(`dvcqg.state.${s}`)}
                  </option>
                ))}
              </SelectField>
              {resend.error ? <ApiErrorAlert error={resend.error} /> : null}
              {resend.data ? (
                <Alert kind="success" live>
                  {t('dvcqg.queued', { count: resend.data.queued })}
                </Alert>
              ) : null}
              {data.items.length === 0 ? (
                <EmptyState title={t(`dvcqg.none.${state}`)} />
              ) : (
                <Table
                  caption={t('dvcqg.list_title')}
                  captionHidden
                  rows={data.items}
                  rowKey={(r) => r.dossierId}
                  columns={[
                    {
                      key: 'code',
                      header: t('dvcqg.code'),
                      rowHeader: true,
                      className: 'nowrap',
                      cell: (r) => r.code,
                    },
                    {
                      key: 'revision',
                      header: t('dvcqg.revision'),
                      align: 'end',
                      cell: (r) => `${r.sentRevision ?? '—'} / ${r.revision}`,
                    },
                    { key: 'attempts', header: t('dvcqg.attempts'), align: 'end', cell: (r) => r.attempts },
                    {
                      key: 'last',
                      header: t('dvcqg.last_attempt'),
                      className: 'nowrap',
                      cell: (r) => (r.lastAttemptAt ? formatDateTime(r.lastAttemptAt) : '—'),
                    },
                    { key: 'error', header: t('dvcqg.last_error'), cell: (r) => r.lastError ?? '—' },
                    {
                      key: 'action',
                      header: t('dvcqg.action'),
                      cell: (r) =>
                        r.state !== 'synced' && data.configured ? (
                          <Button
                            small
                            variant="secondary"
                            onClick={() => resend.mutate({ dossierId: r.dossierId })}
                            aria-label={t('dvcqg.resend_one', { code: r.code })}
                          >
                            {t('dvcqg.resend')}
                          </Button>
                        ) : null,
                    },
                  ]}
                />
              )}
            </Section>
            {data.configured ? <ReconcilePanel /> : null}
          </>
        )}
      </QueryState>
    </>
  );
}

function ReconcilePanel() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useFormErrors();
  const today = todayInVietnam();
  const [period, setPeriod] = useState({ from: `${today.slice(0, 8)}01`, to: today });
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Reconciliation | null>(null);
  const history = useQuery({
    queryKey: [...keys.dvcqg, 'reconciliations'],
    queryFn: () =>
      api.get<{ items: (Reconciliation & { at: string; actorLabel: string })[] }>(
        '/api/admin/dvcqg/reconciliations',
      ),
  });
  const labels = { from: t('dvcqg.from'), to: t('dvcqg.to') };
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    form.clear();
    try {
      setResult(await api.post<Reconciliation>('/api/admin/dvcqg/reconcile', period));
      await client.invalidateQueries({ queryKey: keys.dvcqg });
    } catch (err) {
      form.fail(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Section title={t('dvcqg.reconcile_title')}>
      <p>{t('dvcqg.reconcile_lead')}</p>
      <ErrorSummary form={form} fieldIds={{ from: 'dvcqg-from', to: 'dvcqg-to' }} labels={labels} />
      <form onSubmit={submit} noValidate className="form form-inline">
        <DateField
          id="dvcqg-from"
          label={labels.from}
          value={period.from}
          onValue={(value) => setPeriod((p) => ({ ...p, from: value }))}
          error={form.fields.from}
          required
        />
        <DateField
          id="dvcqg-to"
          label={labels.to}
          value={period.to}
          onValue={(value) => setPeriod((p) => ({ ...p, to: value }))}
          error={form.fields.to}
          required
        />
        <Button type="submit" busy={busy}>
          {t('dvcqg.reconcile')}
        </Button>
      </form>
      {result ? (
        <Alert kind={result.resent > 0 ? 'warning' : 'success'} live>
          {t('dvcqg.reconcile_result', {
            local: result.localCount,
            remote: result.remoteCount,
            missing: result.missing.length,
            stale: result.stale.length,
            resent: result.resent,
          })}
        </Alert>
      ) : null}
      <QueryState query={history}>
        {(data) =>
          data.items.length === 0 ? null : (
            <Table
              caption={t('dvcqg.history')}
              rows={data.items}
              rowKey={(r) => String(r.id)}
              columns={[
                { key: 'at', header: t('dvcqg.at'), className: 'nowrap', cell: (r) => formatDateTime(r.at) },
                {
                  key: 'period',
                  header: t('dvcqg.period'),
                  rowHeader: true,
                  cell: (r) => `${r.from} → ${r.to}`,
                },
                { key: 'local', header: t('dvcqg.local'), align: 'end', cell: (r) => r.localCount },
                { key: 'remote', header: t('dvcqg.remote'), align: 'end', cell: (r) => r.remoteCount },
                { key: 'resent', header: t('dvcqg.resent'), align: 'end', cell: (r) => r.resent },
                { key: 'by', header: t('dvcqg.by'), cell: (r) => r.actorLabel },
              ]}
            />
          )
        }
      </QueryState>
    </Section>
  );
}
