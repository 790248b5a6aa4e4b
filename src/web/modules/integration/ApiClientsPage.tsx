import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { Alert } from '../../ui/Alert.tsx';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert.tsx';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { Checkbox, SelectField, TextField } from '../../ui/Field.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { useFormErrors } from '../../ui/form.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { Section } from '../../ui/Section.tsx';
import { Table } from '../../ui/Table.tsx';
import { AgencyOptions } from '../admin/AgencyOptions.tsx';
import { useActiveAgencies } from '../admin/queries.ts';
import { type ApiClient, type Delivery, keys, type Subscription } from './types.ts';

interface ClientList {
  items: ApiClient[];
  scopes: string[];
  eventTypes: string[];
}

/** API clients (OAuth 2.0 client credentials), their webhooks and the delivery log. */
export function ApiClientsPage() {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: keys.clients,
    queryFn: () => api.get<ClientList>('/api/admin/api-clients'),
  });
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <>
      <PageHeader title={t('apiClients.title')} lead={t('apiClients.lead')} />
      <QueryState query={list}>
        {(data) => (
          <>
            <Section title={t('apiClients.list_title')}>
              {data.items.length === 0 ? (
                <EmptyState title={t('apiClients.none')} />
              ) : (
                <ClientsTable items={data.items} onSelect={setSelected} />
              )}
            </Section>
            <CreateClient scopes={data.scopes} />
            {selected ? (
              <Webhooks client={data.items.find((c) => c.id === selected)!} eventTypes={data.eventTypes} />
            ) : null}
            <DeliveryLog />
          </>
        )}
      </QueryState>
    </>
  );
}

function ClientsTable({ items, onSelect }: { items: ApiClient[]; onSelect: (id: string) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const revoke = useMutation({
    mutationFn: (id: string) => api.post<ApiClient>(`/api/admin/api-clients/${id}/revoke`),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.clients }),
  });
  return (
    <>
      {revoke.error ? <ApiErrorAlert error={revoke.error} /> : null}
      <Table
        caption={t('apiClients.list_title')}
        captionHidden
        rows={items}
        rowKey={(c) => c.id}
        columns={[
          { key: 'name', header: t('apiClients.name'), rowHeader: true, cell: (c) => c.name },
          { key: 'id', header: t('apiClients.client_id'), cell: (c) => <code>{c.id}</code> },
          { key: 'agency', header: t('apiClients.agency'), cell: (c) => c.agencyName ?? '—' },
          { key: 'scopes', header: t('apiClients.scopes'), cell: (c) => c.scopes.join(', ') },
          {
            key: 'limit',
            header: t('apiClients.rate_limit'),
            align: 'end',
            cell: (c) => c.rateLimitPerMinute,
          },
          {
            key: 'status',
            header: t('apiClients.status'),
            cell: (c) =>
              c.revokedAt ? (
                <Badge tone="danger">{t('apiClients.revoked')}</Badge>
              ) : (
                <Badge tone="success">{t('apiClients.active')}</Badge>
              ),
          },
          {
            key: 'used',
            header: t('apiClients.last_used'),
            className: 'nowrap',
            cell: (c) => (c.lastUsedAt ? formatDateTime(c.lastUsedAt) : '—'),
          },
          {
            key: 'actions',
            header: t('apiClients.actions'),
            cell: (c) => (
              <div className="button-row">
                <Button
                  small
                  variant="secondary"
                  onClick={() => onSelect(c.id)}
                  aria-label={t('apiClients.webhooks_of', { name: c.name })}
                >
                  {t('apiClients.webhooks')}
                </Button>
                {c.revokedAt ? null : (
                  <Button
                    small
                    variant="danger"
                    busy={revoke.isPending && revoke.variables === c.id}
                    onClick={() => {
                      if (window.confirm(t('apiClients.revoke_confirm', { name: c.name })))
                        revoke.mutate(c.id);
                    }}
                    aria-label={t('apiClients.revoke_named', { name: c.name })}
                  >
                    {t('apiClients.revoke')}
                  </Button>
                )}
              </div>
            ),
          },
        ]}
      />
    </>
  );
}

function CreateClient({ scopes }: { scopes: string[] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const agencies = useActiveAgencies();
  const form = useFormErrors();
  const [values, setValues] = useState({ name: '', agencyId: '', rateLimitPerMinute: '120' });
  const [chosen, setChosen] = useState<Set<string>>(new Set(['dossiers:read']));
  const [created, setCreated] = useState<(ApiClient & { clientSecret: string }) | null>(null);
  const [busy, setBusy] = useState(false);
  const labels = {
    name: t('apiClients.name'),
    agencyId: t('apiClients.agency'),
    scopes: t('apiClients.scopes'),
    rateLimitPerMinute: t('apiClients.rate_limit'),
  };
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    form.clear();
    try {
      const res = await api.post<ApiClient & { clientSecret: string }>('/api/admin/api-clients', {
        name: values.name,
        agencyId: values.agencyId,
        scopes: scopes.filter((s) => chosen.has(s)),
        rateLimitPerMinute: Number(values.rateLimitPerMinute),
      });
      setCreated(res);
      setValues({ name: '', agencyId: '', rateLimitPerMinute: '120' });
      await client.invalidateQueries({ queryKey: keys.clients });
    } catch (err) {
      form.fail(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Section title={t('apiClients.create_title')}>
      {created ? (
        <Alert kind="success" live title={t('apiClients.created', { name: created.name })}>
          <p>{t('apiClients.secret_once')}</p>
          <dl className="secret-list">
            <dt>client_id</dt>
            <dd>
              <code>{created.id}</code>
            </dd>
            <dt>client_secret</dt>
            <dd>
              <code>{created.clientSecret}</code>
            </dd>
          </dl>
        </Alert>
      ) : null}
      <ErrorSummary
        form={form}
        fieldIds={{
          name: 'client-name',
          agencyId: 'client-agency',
          scopes: 'client-scopes',
          rateLimitPerMinute: 'client-limit',
        }}
        labels={labels}
      />
      <form onSubmit={submit} noValidate className="form">
        <TextField
          id="client-name"
          label={labels.name}
          value={values.name}
          onChange={(e) => setValues((v) => ({ ...v, name: e.target.value }))}
          error={form.fields.name}
          autoComplete="off"
          required
        />
        <SelectField
          id="client-agency"
          label={labels.agencyId}
          hint={t('apiClients.agency_hint')}
          value={values.agencyId}
          onChange={(e) => setValues((v) => ({ ...v, agencyId: e.target.value }))}
          error={form.fields.agencyId}
          required
        >
          <option value="">{t('common.choose')}</option>
          {agencies.data ? <AgencyOptions agencies={agencies.data.items} /> : null}
        </SelectField>
        <fieldset className="fieldset" id="client-scopes" tabIndex={-1}>
          <legend>{labels.scopes}</legend>
          {form.fields.scopes ? <p className="field-error">{form.fields.scopes}</p> : null}
          {scopes.map((s) => (
            <Checkbox
              key={s}
              id={`scope-${s.replace(':', '-')}`}
              label={s}
              hint={t(`apiClients.scope.${s.replace(':', '_')}`)}
              checked={chosen.has(s)}
              onChange={(e) =>
                setChosen((prev) => {
                  const next = new Set(prev);
                  if (e.target.checked) next.add(s);
                  else next.delete(s);
                  return next;
                })
              }
            />
          ))}
        </fieldset>
        <TextField
          id="client-limit"
          type="number"
          inputMode="numeric"
          min={1}
          max={10000}
          label={labels.rateLimitPerMinute}
          hint={t('apiClients.rate_limit_hint')}
          value={values.rateLimitPerMinute}
          onChange={(e) => setValues((v) => ({ ...v, rateLimitPerMinute: e.target.value }))}
          error={form.fields.rateLimitPerMinute}
          required
        />
        <Button type="submit" busy={busy}>
          {t('apiClients.create')}
        </Button>
      </form>
    </Section>
  );
}

function Webhooks({ client: apiClient, eventTypes }: { client: ApiClient; eventTypes: string[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const subs = useQuery({
    queryKey: [...keys.clients, apiClient.id, 'webhooks'],
    queryFn: () => api.get<{ items: Subscription[] }>(`/api/admin/api-clients/${apiClient.id}/webhooks`),
  });
  const form = useFormErrors();
  const [url, setUrl] = useState('');
  const [chosen, setChosen] = useState<Set<string>>(new Set(['dossier.status_changed']));
  const [created, setCreated] = useState<(Subscription & { signingSecret: string }) | null>(null);
  const stop = useMutation({
    mutationFn: (id: string) => api.delete(`/api/admin/webhooks/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.clients }),
  });
  async function submit(e: FormEvent) {
    e.preventDefault();
    form.clear();
    try {
      const res = await api.post<Subscription & { signingSecret: string }>(
        `/api/admin/api-clients/${apiClient.id}/webhooks`,
        { url, eventTypes: eventTypes.filter((x) => chosen.has(x)) },
      );
      setCreated(res);
      setUrl('');
      await queryClient.invalidateQueries({ queryKey: keys.clients });
    } catch (err) {
      form.fail(err);
    }
  }
  const labels = { url: t('webhooks.url'), eventTypes: t('webhooks.event_types') };
  return (
    <Section title={t('webhooks.title', { name: apiClient.name })}>
      <QueryState query={subs}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('webhooks.none')} />
          ) : (
            <Table
              caption={t('webhooks.title', { name: apiClient.name })}
              captionHidden
              rows={data.items}
              rowKey={(s) => s.id}
              columns={[
                { key: 'url', header: labels.url, rowHeader: true, cell: (s) => <code>{s.url}</code> },
                { key: 'types', header: labels.eventTypes, cell: (s) => s.eventTypes.join(', ') },
                {
                  key: 'active',
                  header: t('apiClients.status'),
                  cell: (s) =>
                    s.active ? (
                      <Badge tone="success">{t('apiClients.active')}</Badge>
                    ) : (
                      <Badge tone="neutral">{t('webhooks.stopped')}</Badge>
                    ),
                },
                {
                  key: 'actions',
                  header: t('apiClients.actions'),
                  cell: (s) =>
                    s.active ? (
                      <Button
                        small
                        variant="danger"
                        onClick={() => stop.mutate(s.id)}
                        aria-label={t('webhooks.stop_named', { url: s.url })}
                      >
                        {t('webhooks.stop')}
                      </Button>
                    ) : null,
                },
              ]}
            />
          )
        }
      </QueryState>
      {created ? (
        <Alert kind="success" live title={t('webhooks.created')}>
          <p>{t('webhooks.secret_once')}</p>
          <p>
            <code>{created.signingSecret}</code>
          </p>
        </Alert>
      ) : null}
      {apiClient.revokedAt ? null : (
        <>
          <ErrorSummary
            form={form}
            fieldIds={{ url: 'webhook-url', eventTypes: 'webhook-types' }}
            labels={labels}
          />
          <form onSubmit={submit} noValidate className="form">
            <TextField
              id="webhook-url"
              type="url"
              label={labels.url}
              hint={t('webhooks.url_hint')}
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              error={form.fields.url}
              autoComplete="off"
              required
            />
            <fieldset className="fieldset" id="webhook-types" tabIndex={-1}>
              <legend>{labels.eventTypes}</legend>
              {eventTypes.map((x) => (
                <Checkbox
                  key={x}
                  id={`event-${x.replace('.', '-')}`}
                  label={x}
                  hint={t(`webhooks.event.${x}`)}
                  checked={chosen.has(x)}
                  onChange={(e) =>
                    setChosen((prev) => {
                      const next = new Set(prev);
                      if (e.target.checked) next.add(x);
                      else next.delete(x);
                      return next;
                    })
                  }
                />
              ))}
            </fieldset>
            <Button type="submit">{t('webhooks.add')}</Button>
          </form>
        </>
      )}
    </Section>
  );
}

function DeliveryLog() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState('');
  const log = useQuery({
    queryKey: [...keys.deliveries, status],
    queryFn: () => api.get<{ items: Delivery[] }>('/api/admin/webhooks/deliveries', status ? { status } : {}),
  });
  const replay = useMutation({
    mutationFn: (id: number) => api.post(`/api/admin/webhooks/deliveries/${id}/replay`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.deliveries }),
  });
  const tone = { delivered: 'success', pending: 'warning', failed: 'danger' } as const;
  return (
    <Section title={t('webhooks.log_title')}>
      <SelectField
        id="delivery-status"
        label={t('webhooks.filter_status')}
        value={status}
        onChange={(e) => setStatus(e.target.value)}
      >
        <option value="">{t('common.all')}</option>
        {(['failed', 'pending', 'delivered'] as const).map((s) => (
          <option key={s} value={s}>
            {t(`webhooks.status.${s}`)}
          </option>
        ))}
      </SelectField>
      {replay.error ? <ApiErrorAlert error={replay.error} /> : null}
      {replay.isSuccess ? (
        <Alert kind="success" live>
          {t('webhooks.replayed')}
        </Alert>
      ) : null}
      <QueryState query={log}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('webhooks.no_deliveries')} />
          ) : (
            <Table
              caption={t('webhooks.log_title')}
              captionHidden
              rows={data.items}
              rowKey={(d) => String(d.id)}
              columns={[
                {
                  key: 'at',
                  header: t('webhooks.at'),
                  className: 'nowrap',
                  cell: (d) => formatDateTime(d.createdAt),
                },
                {
                  key: 'event',
                  header: t('webhooks.event_id'),
                  rowHeader: true,
                  cell: (d) => <code>{d.eventId}</code>,
                },
                { key: 'type', header: t('webhooks.event_type'), cell: (d) => d.eventType },
                { key: 'url', header: t('webhooks.url'), cell: (d) => <code>{d.url}</code> },
                {
                  key: 'status',
                  header: t('apiClients.status'),
                  cell: (d) => <Badge tone={tone[d.status]}>{t(`webhooks.status.${d.status}`)}</Badge>,
                },
                { key: 'attempts', header: t('webhooks.attempts'), align: 'end', cell: (d) => d.attempts },
                {
                  key: 'last',
                  header: t('webhooks.last_answer'),
                  cell: (d) => d.lastError ?? (d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : '—'),
                },
                {
                  key: 'replay',
                  header: t('apiClients.actions'),
                  cell: (d) => (
                    <Button
                      small
                      variant="secondary"
                      onClick={() => replay.mutate(d.id)}
                      aria-label={t('webhooks.replay_named', { id: d.eventId })}
                    >
                      {t('webhooks.replay')}
                    </Button>
                  ),
                },
              ]}
            />
          )
        }
      </QueryState>
    </Section>
  );
}
