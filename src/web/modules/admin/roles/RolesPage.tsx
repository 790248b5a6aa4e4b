import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../app/i18n.ts';
import type { Role } from '../../../app/types.ts';
import { Alert } from '../../../ui/Alert.tsx';
import { Badge } from '../../../ui/Badge.tsx';
import { Button } from '../../../ui/Button.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { QueryState } from '../../../ui/QueryState.tsx';
import { Section } from '../../../ui/Section.tsx';
import { Table } from '../../../ui/Table.tsx';
import { keys, useRoles } from '../queries.ts';
import { RoleForm } from './RoleForm.tsx';

type Editing = { role: Role | null } | null;

export function RolesPage() {
  const { t } = useTranslation();
  const query = useRoles();
  const client = useQueryClient();
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const name = (r: Role) => (currentLanguage() === 'en' ? r.nameEn : r.name);

  return (
    <>
      <PageHeader
        title={t('roles.title')}
        lead={t('roles.lead')}
        actions={
          <Button
            onClick={() => {
              setEditing({ role: null });
              setNotice(null);
            }}
          >
            {t('roles.create')}
          </Button>
        }
      />
      {notice ? (
        <Alert kind="success" live>
          {notice}
        </Alert>
      ) : null}
      <QueryState query={query}>
        {(data) => (
          <div className="split">
            <Section title={t('roles.list')}>
              <Table
                caption={t('roles.list')}
                captionHidden
                rows={data.items}
                rowKey={(r) => r.code}
                rowClassName={(r) => (editing?.role?.code === r.code ? 'row-selected' : undefined)}
                columns={[
                  {
                    key: 'name',
                    header: t('roles.name'),
                    rowHeader: true,
                    cell: (r) => (
                      <>
                        {name(r)}
                        <code className="cell-sub">{r.code}</code>
                      </>
                    ),
                  },
                  {
                    key: 'permissions',
                    header: t('roles.permissions'),
                    cell: (r) => (
                      <ul className="cell-list">
                        {r.permissions.map((p) => (
                          <li key={p}>{t(`permission.${p}`, { defaultValue: p })}</li>
                        ))}
                      </ul>
                    ),
                  },
                  {
                    key: 'kind',
                    header: t('roles.kind'),
                    cell: (r) =>
                      r.builtIn ? (
                        <Badge tone="info">{t('roles.built_in')}</Badge>
                      ) : (
                        <Badge>{t('roles.custom')}</Badge>
                      ),
                  },
                  {
                    key: 'actions',
                    header: <span className="visually-hidden">{t('common.actions')}</span>,
                    cell: (r) => (
                      <Button
                        variant="secondary"
                        small
                        onClick={() => {
                          setEditing({ role: r });
                          setNotice(null);
                        }}
                        aria-label={t('roles.edit_named', { name: name(r) })}
                      >
                        {t('common.edit')}
                      </Button>
                    ),
                  },
                ]}
              />
            </Section>
            {editing ? (
              <Section
                title={editing.role ? t('roles.edit_title', { name: name(editing.role) }) : t('roles.create')}
                className="split-aside"
              >
                <RoleForm
                  key={editing.role?.code ?? 'new'}
                  role={editing.role}
                  permissions={data.permissions}
                  onCancel={() => setEditing(null)}
                  onSaved={async (role) => {
                    await client.invalidateQueries({ queryKey: keys.roles });
                    setEditing(null);
                    setNotice(t('roles.saved', { name: name(role) }));
                  }}
                />
              </Section>
            ) : null}
          </div>
        )}
      </QueryState>
    </>
  );
}
