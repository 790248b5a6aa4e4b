import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../../app/paths.ts';
import { ButtonLink } from '../../../ui/Button.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { QueryState } from '../../../ui/QueryState.tsx';
import { Table } from '../../../ui/Table.tsx';
import { useCatalogue } from './queries.ts';

/** The catalogue for administrators: every procedure, its latest version, and the way to import one. */
export function ProceduresPage() {
  const { t } = useTranslation();
  const query = useCatalogue();
  return (
    <>
      <PageHeader
        title={t('admin_procedures.title')}
        lead={t('admin_procedures.lead')}
        actions={<ButtonLink to={paths.adminProcedureImport}>{t('admin_procedures.import')}</ButtonLink>}
      />
      <QueryState query={query}>
        {(data) => (
          <Table
            caption={t('admin_procedures.caption', { count: data.items.length })}
            rows={data.items}
            rowKey={(p) => p.code}
            columns={[
              {
                key: 'name',
                header: t('admin_procedures.name'),
                rowHeader: true,
                cell: (p) => (
                  <>
                    <Link to={paths.adminProcedure(p.code)}>{p.name}</Link>
                    <code className="cell-sub">{p.code}</code>
                  </>
                ),
              },
              { key: 'sector', header: t('procedure.sector'), cell: (p) => p.sectorName },
              {
                key: 'version',
                header: t('admin_procedures.latest'),
                cell: (p) =>
                  t('admin_procedures.version_from', {
                    version: p.latestVersion,
                    date: formatDateTime(p.latestEffectiveFrom),
                  }),
              },
              { key: 'count', header: t('admin_procedures.versions'), align: 'end', cell: (p) => p.versions },
            ]}
          />
        )}
      </QueryState>
    </>
  );
}
