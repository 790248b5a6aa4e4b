import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { paths } from '../../app/paths.ts';
import { ButtonLink } from '../../ui/Button.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { localTime, type MeetingSummary, type TaskView } from './types.ts';

/** The meetings an official organises or attends, and the tasks set for their agency. */
export function MeetingsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const meetings = useQuery({
    queryKey: ['meeting', 'list'],
    queryFn: () => api.get<{ items: MeetingSummary[] }>('/api/meetings'),
  });
  const tasks = useQuery({
    queryKey: ['meeting', 'tasks'],
    queryFn: () => api.get<{ items: TaskView[] }>('/api/meetings/tasks'),
  });
  return (
    <>
      <PageHeader title={t('meetings.title')} lead={t('meetings.lead')} />
      {can('meetings.manage') ? (
        <p>
          <ButtonLink to={`${paths.meetings}/chuan-bi`}>{t('meetings.new.title')}</ButtonLink>{' '}
          <ButtonLink variant="secondary" to={`${paths.meetings}/bao-cao`}>
            {t('meetings.report.title')}
          </ButtonLink>
        </p>
      ) : null}
      <section aria-labelledby="mtg-list">
        <h2 id="mtg-list">{t('meetings.list')}</h2>
        <QueryState query={meetings}>
          {(data) =>
            data.items.length === 0 ? (
              <p>{t('meetings.none')}</p>
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('meetings.col.title')}</th>
                    <th scope="col">{t('meetings.col.starts')}</th>
                    <th scope="col">{t('meetings.col.state')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((m) => (
                    <tr key={m.id}>
                      <td>
                        <Link to={`${paths.meetings}/${m.id}`}>{m.title}</Link>
                        <div className="muted">{m.kindName}</div>
                      </td>
                      <td>{localTime(m.startsAt)}</td>
                      <td>
                        {t(`meetings.state.${m.state}`)}
                        {m.leadTooShort ? ` · ${t('meetings.lead_short', { days: m.leadWorkingDays })}` : ''}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </QueryState>
      </section>
      <section aria-labelledby="mtg-tasks">
        <h2 id="mtg-tasks">{t('meetings.tasks')}</h2>
        <QueryState query={tasks}>
          {(data) => (
            <ul>
              {data.items.map((x) => (
                <li key={x.id}>
                  {x.title} — {x.responsibleName} — {t('meetings.due', { date: localTime(x.dueAt) })}
                  {x.overdue ? ` (${t('meetings.overdue')})` : ''}
                  {x.state === 'done' ? ` (${t('meetings.done')})` : ''}
                </li>
              ))}
            </ul>
          )}
        </QueryState>
      </section>
    </>
  );
}
