import { useTranslation } from 'react-i18next';
import type { Membership } from '../../app/types.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { Table } from '../../ui/Table.tsx';

/** The agencies a user works in and the role held in each. */
export function MembershipsTable({ memberships }: { memberships: Membership[] }) {
  const { t } = useTranslation();
  if (memberships.length === 0) return <EmptyState title={t('account.no_memberships')} />;
  return (
    <Table
      caption={t('account.memberships_caption')}
      captionHidden
      rows={memberships}
      rowKey={(m) => `${m.agencyId}:${m.roleCode}`}
      columns={[
        { key: 'agency', header: t('common.agency'), rowHeader: true, cell: (m) => m.agencyName },
        { key: 'code', header: t('agency.code'), cell: (m) => <code>{m.agencyCode}</code> },
        { key: 'role', header: t('common.role'), cell: (m) => m.roleName },
      ]}
    />
  );
}
