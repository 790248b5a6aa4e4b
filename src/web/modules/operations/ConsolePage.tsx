import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert.tsx';
import { Button } from '../../ui/Button.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import type { AlertItem } from './types.ts';

/** The operator's queue: unresolved alerts, active and most severe first, to acknowledge. */
export function ConsolePage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const client = useQueryClient();
  const queue = useQuery({
    queryKey: ['operations', 'alerts'],
    queryFn: () => api.get<{ items: AlertItem[] }>('/api/operations/alerts'),
  });
  const ack = useMutation({
    mutationFn: (id: string) => api.post(`/api/operations/alerts/${id}/acknowledge`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['operations'] }),
  });
  return (
    <>
      <PageHeader title={t('ops.console_title')} lead={t('ops.console_lead')} />
      {ack.error ? <ApiErrorAlert error={ack.error} /> : null}
      <QueryState query={queue}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t('ops.queue_empty')}</p>
          ) : (
            <table className="table">
              <caption>{t('ops.queue')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('ops.alert')}</th>
                  <th scope="col">{t('ops.severity_label')}</th>
                  <th scope="col">{t('ops.state')}</th>
                  <th scope="col">{t('ops.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      {i18n.language === 'en' ? a.ruleNameEn : a.ruleName} — {a.sourceLabel}
                    </th>
                    <td>{t(`ops.severity.${a.severity}`)}</td>
                    <td>
                      {t(`ops.alert_status.${a.status}`)}
                      {a.acknowledged ? ` · ${t('ops.acknowledged')}` : ''}
                      {a.silenced ? ` · ${t('ops.silenced')}` : ''}
                    </td>
                    <td>
                      {!a.acknowledged && can('operations.operate') ? (
                        <Button onClick={() => ack.mutate(a.id)} disabled={ack.isPending}>
                          {t('ops.acknowledge')}
                          <span className="visually-hidden"> {a.sourceLabel}</span>
                        </Button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </>
  );
}
