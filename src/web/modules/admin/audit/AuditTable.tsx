import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../app/types.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { Table } from '../../../ui/Table.tsx';

/** Audit rows: when, who, what, on which record, from where; the summary on demand. */
export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const { t, i18n } = useTranslation();
  const actionLabel = (action: string) => {
    const key = `audit.action.${action}`;
    return i18n.exists(key) ? t(key) : null;
  };
  return (
    <Table
      caption={t('audit.title')}
      captionHidden
      rows={entries}
      rowKey={(e) => String(e.id)}
      columns={[
        {
          key: 'at',
          header: t('audit.at'),
          cell: (e) => <time dateTime={e.at}>{formatDateTime(e.at)}</time>,
          className: 'nowrap',
        },
        { key: 'actor', header: t('audit.actor'), cell: (e) => e.actorLabel },
        {
          key: 'action',
          header: t('audit.action'),
          rowHeader: true,
          cell: (e) => (
            <>
              {actionLabel(e.action) ?? null}
              <code className={actionLabel(e.action) ? 'cell-sub' : undefined}>{e.action}</code>
            </>
          ),
        },
        {
          key: 'target',
          header: t('audit.target'),
          cell: (e) => (
            <>
              <span className="cell-line">{e.targetType}</span>
              {e.targetId ? <code className="cell-sub break">{e.targetId}</code> : null}
            </>
          ),
        },
        {
          key: 'summary',
          header: t('audit.summary'),
          cell: (e) =>
            Object.keys(e.summary).length === 0 ? null : (
              <details className="audit-details">
                <summary>{t('audit.show_details')}</summary>
                <pre>{JSON.stringify(e.summary, null, 2)}</pre>
              </details>
            ),
        },
        {
          key: 'source',
          header: t('audit.source'),
          cell: (e) => (
            <>
              {e.ip ? <span className="cell-line">{e.ip}</span> : null}
              {e.chained ? null : <span className="cell-sub">{t('audit.not_chained')}</span>}
            </>
          ),
        },
      ]}
    />
  );
}
