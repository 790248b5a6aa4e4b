import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError, api } from '../../../app/api.ts';
import { useAuth } from '../../../app/auth.tsx';
import { paths } from '../../../app/paths.ts';
import { Alert } from '../../../ui/Alert.tsx';
import { Button } from '../../../ui/Button.tsx';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { SelectField, TextField } from '../../../ui/Field.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { QueryState } from '../../../ui/QueryState.tsx';
import { Table } from '../../../ui/Table.tsx';
import { STATUSES, StatusBadge, UrgencyBadge } from '../labels.tsx';
import { type BulkOutcome, type DossierItem, keys } from '../types.ts';
import { type InboxFilter as Filter, useInbox } from './inbox-query.ts';

type Bulk = 'accept' | 'hand_over';

/** Dossiers waiting for this official, most urgent first (the server's order), with bulk actions. */
export function InboxPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const filter: Filter = { status: params.get('trang-thai') ?? '', q: params.get('q') ?? '' };
  const [draft, setDraft] = useState(filter);
  const query = useInbox(filter);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [method, setMethod] = useState('counter');
  const [busy, setBusy] = useState<Bulk | null>(null);
  const [outcome, setOutcome] = useState<{ kind: Bulk; result: BulkOutcome; rows: DossierItem[] } | null>(
    null,
  );
  const [error, setError] = useState<ApiError | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const items = query.data?.items ?? [];
  const mayAccept = can('dossiers.receive');
  const mayHandOver = can('dossiers.handover');
  const eligible = (d: DossierItem) => (d.status === 1 && mayAccept) || (d.status === 9 && mayHandOver);
  const eligibleRows = items.filter(eligible);
  const chosen = items.filter((d) => selected.has(d.id));
  const toAccept = chosen.filter((d) => d.status === 1);
  const toHandOver = chosen.filter((d) => d.status === 9);

  // Rows that left the list are no longer selected.
  const ids = useMemo(() => new Set(items.map((d) => d.id)), [items]);
  useEffect(() => {
    setSelected((s) => {
      const kept = [...s].filter((id) => ids.has(id));
      return kept.length === s.size ? s : new Set(kept);
    });
  }, [ids]);

  useEffect(() => {
    if (outcome || error) outcomeRef.current?.focus();
  }, [outcome, error]);

  function search(e: FormEvent) {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (draft.status) next['trang-thai'] = draft.status;
    if (draft.q.trim()) next.q = draft.q.trim();
    setParams(next);
  }

  async function runBulk(kind: Bulk) {
    const rows = kind === 'accept' ? toAccept : toHandOver;
    if (rows.length === 0) return;
    setBusy(kind);
    setError(null);
    setOutcome(null);
    try {
      const result = await api.post<BulkOutcome>(
        kind === 'accept' ? '/api/dossiers/bulk/accept' : '/api/dossiers/bulk/hand-over',
        kind === 'accept' ? { ids: rows.map((r) => r.id) } : { ids: rows.map((r) => r.id), method },
      );
      setOutcome({ kind, result, rows });
      setSelected(new Set());
      await client.invalidateQueries({ queryKey: keys.all });
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, { code: 'network' }));
    } finally {
      setBusy(null);
    }
  }

  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const allChosen = eligibleRows.length > 0 && eligibleRows.every((d) => selected.has(d.id));

  return (
    <>
      <PageHeader title={t('inbox.title')} lead={t('inbox.lead')} />
      <search>
        <form className="filter-bar" onSubmit={search} aria-label={t('inbox.filter')}>
          <SelectField
            id="inbox-status"
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
          <TextField
            id="inbox-q"
            type="search"
            label={t('inbox.search')}
            value={draft.q}
            onChange={(e) => setDraft({ ...draft, q: e.target.value })}
          />
          <div className="filter-actions">
            <Button type="submit">{t('common.filter')}</Button>
            <Button
              variant="quiet"
              onClick={() => {
                setDraft({ status: '', q: '' });
                setParams({});
              }}
            >
              {t('common.clear')}
            </Button>
          </div>
        </form>
      </search>

      <div ref={outcomeRef} tabIndex={-1} className="notice-anchor">
        {error ? (
          <Alert kind="error" live>
            <p>{error.code === 'network' ? t('error.network') : error.message}</p>
          </Alert>
        ) : null}
        {outcome ? <BulkReport outcome={outcome} /> : null}
      </div>

      {mayAccept || mayHandOver ? (
        <section className="bulk-bar" aria-label={t('inbox.bulk')}>
          <p className="bulk-count" role="status">
            {t('inbox.selected', { count: chosen.length })}
          </p>
          {mayAccept ? (
            <Button
              small
              disabled={toAccept.length === 0}
              busy={busy === 'accept'}
              onClick={() => void runBulk('accept')}
            >
              {t('inbox.bulk_accept', { count: toAccept.length })}
            </Button>
          ) : null}
          {mayHandOver ? (
            <div className="bulk-handover">
              <SelectField
                id="bulk-method"
                label={t('actions.hand_over_method')}
                value={method}
                onChange={(e) => setMethod(e.target.value)}
              >
                {['counter', 'post', 'electronic'].map((m) => (
                  <option key={m} value={m}>
                    {t(`hand_over.${m}`)}
                  </option>
                ))}
              </SelectField>
              <Button
                small
                disabled={toHandOver.length === 0}
                busy={busy === 'hand_over'}
                onClick={() => void runBulk('hand_over')}
              >
                {t('inbox.bulk_hand_over', { count: toHandOver.length })}
              </Button>
            </div>
          ) : null}
        </section>
      ) : null}

      <QueryState query={query}>
        {(data) => (
          <>
            <p className="result-count" role="status">
              {t('inbox.count', { count: data.items.length })}
            </p>
            {data.items.length === 0 ? (
              <EmptyState title={t('inbox.empty')}>
                <p>{t('inbox.empty_text')}</p>
              </EmptyState>
            ) : (
              <Table
                caption={t('inbox.caption')}
                captionHidden
                rows={data.items}
                rowKey={(d) => d.id}
                rowClassName={(d) =>
                  [selected.has(d.id) ? 'row-selected' : '', `urgency-${d.urgency}`].join(' ')
                }
                columns={[
                  {
                    key: 'select',
                    header:
                      eligibleRows.length > 0 ? (
                        <input
                          type="checkbox"
                          className="row-check"
                          aria-label={t('inbox.select_all')}
                          checked={allChosen}
                          onChange={(e) =>
                            setSelected(e.target.checked ? new Set(eligibleRows.map((d) => d.id)) : new Set())
                          }
                        />
                      ) : (
                        <span className="visually-hidden">{t('inbox.select')}</span>
                      ),
                    className: 'col-check',
                    cell: (d) =>
                      eligible(d) ? (
                        <input
                          type="checkbox"
                          className="row-check"
                          aria-label={t('inbox.select_row', { name: d.code ?? d.applicantName })}
                          checked={selected.has(d.id)}
                          onChange={(e) => toggle(d.id, e.target.checked)}
                        />
                      ) : null,
                  },
                  {
                    key: 'dossier',
                    header: t('inbox.dossier'),
                    rowHeader: true,
                    cell: (d) => (
                      <>
                        {/* A new dossier has no code yet: it is named by its procedure (and receipt number). */}
                        <Link to={paths.officialDossier(d.id)} className={d.code ? 'nowrap' : undefined}>
                          {d.code ?? d.procedureName}
                        </Link>
                        <span className="cell-sub">
                          {d.code
                            ? d.procedureName
                            : d.receiptNo
                              ? `${t('dossier.receipt_no')} ${d.receiptNo}`
                              : t('dossier.waiting_code')}
                        </span>
                      </>
                    ),
                  },
                  {
                    key: 'applicant',
                    header: t('inbox.applicant'),
                    cell: (d) => (
                      <>
                        {d.applicantName}
                        <span className="cell-sub">
                          {t(`channel.${d.channel}`)} · {formatDateTime(d.submittedAt)}
                        </span>
                      </>
                    ),
                  },
                  {
                    key: 'status',
                    header: t('common.status'),
                    cell: (d) => (
                      <>
                        <StatusBadge status={d.status} />
                        {d.stepName ? <span className="cell-sub">{d.stepName}</span> : null}
                      </>
                    ),
                  },
                  {
                    key: 'due',
                    header: t('dossier.due'),
                    cell: (d) => (
                      <>
                        {d.dueAt ? (
                          <span className="cell-line nowrap">{formatDateTime(d.dueAt)}</span>
                        ) : (
                          <span className="cell-line muted">{t('dossier.no_due_short')}</span>
                        )}
                        <UrgencyBadge urgency={d.urgency} />
                      </>
                    ),
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

function BulkReport({ outcome }: { outcome: { kind: Bulk; result: BulkOutcome; rows: DossierItem[] } }) {
  const { t } = useTranslation();
  const name = (id: string) => {
    const row = outcome.rows.find((r) => r.id === id);
    return row ? (row.code ?? `${row.applicantName} — ${row.procedureName}`) : id;
  };
  const { done, failed } = outcome.result;
  return (
    <Alert
      kind={failed.length ? (done.length ? 'warning' : 'error') : 'success'}
      live
      title={t(`inbox.bulk_done.${outcome.kind}`, { count: done.length })}
    >
      {done.length ? (
        <ul className="plain-list">
          {done.map((d) => (
            <li key={d.id}>
              {d.code ?? name(d.id)}: {t(`dossier.status.${d.status}`)}
            </li>
          ))}
        </ul>
      ) : null}
      {failed.length ? (
        <>
          <p>{t('inbox.bulk_failed', { count: failed.length })}</p>
          <ul className="plain-list">
            {failed.map((f) => (
              <li key={f.id}>
                <strong>{name(f.id)}</strong>: {f.message}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Alert>
  );
}
