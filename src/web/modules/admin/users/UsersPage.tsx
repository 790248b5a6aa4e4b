import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../app/api.ts';
import { paths } from '../../../app/paths.ts';
import type { UserRecord } from '../../../app/types.ts';
import { Badge } from '../../../ui/Badge.tsx';
import { Button, ButtonLink } from '../../../ui/Button.tsx';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { SelectField, TextField } from '../../../ui/Field.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { Pager } from '../../../ui/Pager.tsx';
import { QueryState } from '../../../ui/QueryState.tsx';
import { Table } from '../../../ui/Table.tsx';
import { AgencyOptions } from '../AgencyOptions.tsx';
import { keys, useActiveAgencies } from '../queries.ts';

const LIMIT = 50;
interface Filter {
  q: string;
  agencyId: string;
  kind: '' | 'official' | 'citizen';
}
const NO_FILTER: Filter = { q: '', agencyId: '', kind: '' };

export function UsersPage() {
  const { t } = useTranslation();
  const agencies = useActiveAgencies();
  const [draft, setDraft] = useState<Filter>(NO_FILTER);
  const [filter, setFilter] = useState<Filter>(NO_FILTER);
  const [offset, setOffset] = useState(0);
  const query = useQuery({
    queryKey: [...keys.users, filter, offset],
    queryFn: () =>
      api.get<{ items: UserRecord[]; total: number }>('/api/admin/users', {
        ...filter,
        limit: LIMIT,
        offset,
      }),
    placeholderData: keepPreviousData,
  });

  function search(e: FormEvent) {
    e.preventDefault();
    setFilter(draft);
    setOffset(0);
  }

  return (
    <>
      <PageHeader
        title={t('users.title')}
        lead={t('users.lead')}
        actions={<ButtonLink to={paths.adminUserNew}>{t('users.create')}</ButtonLink>}
      />
      <search>
        <form className="filter-bar" onSubmit={search} aria-label={t('users.filter')}>
          <TextField
            id="users-q"
            type="search"
            label={t('users.search')}
            value={draft.q}
            onChange={(e) => setDraft({ ...draft, q: e.target.value })}
          />
          <SelectField
            id="users-agency"
            label={t('common.agency')}
            value={draft.agencyId}
            onChange={(e) => setDraft({ ...draft, agencyId: e.target.value })}
          >
            <option value="">{t('common.all')}</option>
            <AgencyOptions agencies={agencies.data?.items ?? []} />
          </SelectField>
          <SelectField
            id="users-kind"
            label={t('users.kind')}
            value={draft.kind}
            onChange={(e) => setDraft({ ...draft, kind: e.target.value as Filter['kind'] })}
          >
            <option value="">{t('common.all')}</option>
            <option value="official">{t('users.kind.official')}</option>
            <option value="citizen">{t('users.kind.citizen')}</option>
          </SelectField>
          <div className="filter-actions">
            <Button type="submit">{t('common.search')}</Button>
            <Button
              variant="quiet"
              onClick={() => {
                setDraft(NO_FILTER);
                setFilter(NO_FILTER);
                setOffset(0);
              }}
            >
              {t('common.clear')}
            </Button>
          </div>
        </form>
      </search>
      <QueryState query={query}>
        {(data) => (
          <>
            <p className="result-count" role="status">
              {t('users.count', { count: data.total })}
            </p>
            {data.items.length === 0 ? (
              <EmptyState title={t('users.none')} />
            ) : (
              <UsersTable users={data.items} />
            )}
            <Pager offset={offset} limit={LIMIT} total={data.total} onChange={setOffset} />
          </>
        )}
      </QueryState>
    </>
  );
}

function UsersTable({ users }: { users: UserRecord[] }) {
  const { t } = useTranslation();
  return (
    <Table
      caption={t('users.title')}
      captionHidden
      rows={users}
      rowKey={(u) => u.id}
      rowClassName={(u) => (u.disabled ? 'row-muted' : undefined)}
      columns={[
        {
          key: 'name',
          header: t('users.full_name'),
          rowHeader: true,
          cell: (u) => (
            <>
              <Link to={paths.adminUser(u.id)}>{u.fullName}</Link>
              {u.title ? <span className="cell-sub">{u.title}</span> : null}
            </>
          ),
        },
        {
          key: 'contact',
          header: t('users.contact'),
          cell: (u) => (
            <>
              {u.email ? <span className="cell-line">{u.email}</span> : null}
              {u.phone ? <span className="cell-line">{u.phone}</span> : null}
            </>
          ),
        },
        {
          key: 'memberships',
          header: t('users.memberships'),
          cell: (u) =>
            u.kind === 'citizen' ? (
              <span className="muted">{t('users.kind.citizen')}</span>
            ) : (
              <ul className="cell-list">
                {u.memberships.map((m) => (
                  <li key={`${m.agencyId}:${m.roleCode}`}>
                    {m.agencyName} — <span className="muted">{m.roleName}</span>
                  </li>
                ))}
              </ul>
            ),
        },
        {
          key: 'status',
          header: t('common.status'),
          cell: (u) => (
            <span className="badges">
              {u.disabled ? (
                <Badge tone="danger">{t('users.disabled')}</Badge>
              ) : (
                <Badge tone="success">{t('users.active')}</Badge>
              )}
              {u.totpEnabled ? <Badge tone="info">{t('totp.short')}</Badge> : null}
            </span>
          ),
        },
        {
          key: 'last',
          header: t('users.last_login'),
          cell: (u) =>
            u.lastLoginAt ? formatDateTime(u.lastLoginAt) : <span className="muted">{t('users.never')}</span>,
        },
      ]}
    />
  );
}
