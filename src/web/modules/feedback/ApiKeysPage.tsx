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
import { TextField } from '../../ui/Field.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { useFormErrors } from '../../ui/form.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { Section } from '../../ui/Section.tsx';
import { Table } from '../../ui/Table.tsx';

interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  contactEmail: string | null;
  perMinute: number;
  active: boolean;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const KEYS = ['feedback', 'api-keys'] as const;

/** Open311 API keys: issued (shown once), listed, revoked by the administrators of feedback. */
export function ApiKeysPage() {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: KEYS,
    queryFn: () => api.get<{ items: ApiKey[] }>('/api/feedback/api-keys'),
  });
  return (
    <>
      <PageHeader title={t('feedback.apiKeys.title')} lead={t('feedback.apiKeys.lead')} />
      <QueryState query={list}>
        {(data) => (
          <Section title={t('feedback.apiKeys.list')}>
            {data.items.length === 0 ? (
              <EmptyState title={t('feedback.apiKeys.none')} />
            ) : (
              <KeysTable items={data.items} />
            )}
          </Section>
        )}
      </QueryState>
      <CreateKey />
    </>
  );
}

function KeysTable({ items }: { items: ApiKey[] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const revoke = useMutation({
    mutationFn: (id: string) => api.post<ApiKey>(`/api/feedback/api-keys/${id}/revoke`),
    onSuccess: () => client.invalidateQueries({ queryKey: KEYS }),
  });
  return (
    <>
      {revoke.error ? <ApiErrorAlert error={revoke.error} /> : null}
      <Table
        caption={t('feedback.apiKeys.list')}
        captionHidden
        rows={items}
        rowKey={(k) => k.id}
        columns={[
          {
            key: 'name',
            header: t('feedback.apiKeys.name'),
            rowHeader: true,
            // The contact under the name: one column fewer on the office screen.
            cell: (k) => (
              <>
                {k.name}
                {k.contactEmail ? (
                  <>
                    <br />
                    <small>{k.contactEmail}</small>
                  </>
                ) : null}
              </>
            ),
          },
          { key: 'prefix', header: t('feedback.apiKeys.prefix'), cell: (k) => <code>{k.prefix}…</code> },
          { key: 'limit', header: t('feedback.apiKeys.perMinute'), align: 'end', cell: (k) => k.perMinute },
          {
            key: 'status',
            header: t('feedback.apiKeys.status'),
            cell: (k) =>
              k.active ? (
                <Badge tone="success">{t('feedback.apiKeys.active')}</Badge>
              ) : (
                <Badge tone="danger">
                  {t('feedback.apiKeys.revokedAt', { at: k.revokedAt ? formatDateTime(k.revokedAt) : '' })}
                </Badge>
              ),
          },
          {
            key: 'used',
            header: t('feedback.apiKeys.lastUsed'),
            className: 'nowrap',
            cell: (k) => (k.lastUsedAt ? formatDateTime(k.lastUsedAt) : '—'),
          },
          {
            key: 'actions',
            header: t('feedback.apiKeys.actions'),
            cell: (k) =>
              k.active ? (
                <Button
                  small
                  variant="danger"
                  busy={revoke.isPending && revoke.variables === k.id}
                  onClick={() => {
                    if (window.confirm(t('feedback.apiKeys.revokeConfirm', { name: k.name })))
                      revoke.mutate(k.id);
                  }}
                  aria-label={t('feedback.apiKeys.revokeNamed', { name: k.name })}
                >
                  {t('feedback.apiKeys.revoke')}
                </Button>
              ) : null,
          },
        ]}
      />
    </>
  );
}

function CreateKey() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useFormErrors();
  const [values, setValues] = useState({ name: '', contactEmail: '', perMinute: '60' });
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const labels = {
    name: t('feedback.apiKeys.name'),
    contactEmail: t('feedback.apiKeys.contact'),
    perMinute: t('feedback.apiKeys.perMinute'),
  };
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    form.clear();
    try {
      const res = await api.post<{ key: string }>('/api/feedback/api-keys', {
        name: values.name,
        ...(values.contactEmail ? { contactEmail: values.contactEmail } : {}),
        perMinute: Number(values.perMinute),
      });
      setCreated({ key: res.key, name: values.name });
      setValues({ name: '', contactEmail: '', perMinute: '60' });
      await client.invalidateQueries({ queryKey: KEYS });
    } catch (err) {
      form.fail(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Section title={t('feedback.apiKeys.create')}>
      {created ? (
        <Alert kind="success" live title={t('feedback.apiKeys.created', { name: created.name })}>
          <p>{t('feedback.apiKeys.once')}</p>
          <p>
            <code>{created.key}</code>
          </p>
        </Alert>
      ) : null}
      <ErrorSummary
        form={form}
        fieldIds={{ name: 'key-name', contactEmail: 'key-contact', perMinute: 'key-limit' }}
        labels={labels}
      />
      <form onSubmit={submit} noValidate className="form">
        <TextField
          id="key-name"
          label={labels.name}
          hint={t('feedback.apiKeys.nameHint')}
          value={values.name}
          onChange={(e) => setValues((v) => ({ ...v, name: e.target.value }))}
          error={form.fields.name}
          autoComplete="off"
          required
        />
        <TextField
          id="key-contact"
          type="email"
          label={labels.contactEmail}
          value={values.contactEmail}
          onChange={(e) => setValues((v) => ({ ...v, contactEmail: e.target.value }))}
          error={form.fields.contactEmail}
          autoComplete="off"
        />
        <TextField
          id="key-limit"
          type="number"
          inputMode="numeric"
          min={1}
          max={10000}
          label={labels.perMinute}
          hint={t('feedback.apiKeys.perMinuteHint')}
          value={values.perMinute}
          onChange={(e) => setValues((v) => ({ ...v, perMinute: e.target.value }))}
          error={form.fields.perMinute}
          required
        />
        <Button type="submit" busy={busy}>
          {t('feedback.apiKeys.createButton')}
        </Button>
      </form>
    </Section>
  );
}
