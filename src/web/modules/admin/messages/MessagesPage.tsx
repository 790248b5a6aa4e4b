import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.ts';
import { useAuth } from '../../../app/auth.tsx';
import type { Items, Message } from '../../../app/types.ts';
import { Alert } from '../../../ui/Alert.tsx';
import { Badge } from '../../../ui/Badge.tsx';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { QueryState } from '../../../ui/QueryState.tsx';
import { Table } from '../../../ui/Table.tsx';
import { keys } from '../queries.ts';

/** E-mails and SMS the system sent or, in the demo, kept instead of sending. */
export function MessagesPage() {
  const { t } = useTranslation();
  const { session } = useAuth();
  const query = useQuery({
    queryKey: keys.messages,
    queryFn: () => api.get<Items<Message>>('/api/admin/messages'),
  });
  return (
    <>
      <PageHeader title={t('messages.title')} lead={t('messages.lead')} />
      {session?.demo ? <Alert kind="info">{t('messages.demo_note')}</Alert> : null}
      <QueryState query={query}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('messages.none')} />
          ) : (
            <Table
              caption={t('messages.title')}
              captionHidden
              rows={data.items}
              rowKey={(m) => String(m.id)}
              columns={[
                {
                  key: 'at',
                  header: t('messages.at'),
                  className: 'nowrap',
                  cell: (m) => <time dateTime={m.createdAt}>{formatDateTime(m.createdAt)}</time>,
                },
                {
                  key: 'channel',
                  header: t('messages.channel'),
                  cell: (m) => <Badge tone="info">{t(`messages.channel.${m.channel}`)}</Badge>,
                },
                { key: 'to', header: t('messages.recipient'), rowHeader: true, cell: (m) => m.recipient },
                {
                  key: 'content',
                  header: t('messages.content'),
                  // An SMS has no subject: its short text is the content, shown as is.
                  cell: (m) =>
                    m.channel === 'sms' ? (
                      <span className="message-sms">{m.body}</span>
                    ) : (
                      <details className="message-details">
                        <summary>{m.subject ?? t('messages.no_subject')}</summary>
                        <pre className="message-body">{m.body}</pre>
                      </details>
                    ),
                },
                {
                  key: 'status',
                  header: t('common.status'),
                  cell: (m) => t(`messages.status.${m.status}`, { defaultValue: m.status }),
                },
              ]}
            />
          )
        }
      </QueryState>
    </>
  );
}
