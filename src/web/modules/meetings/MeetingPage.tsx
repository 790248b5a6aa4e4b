import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { api } from '../../app/api.ts';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert.tsx';
import { Button } from '../../ui/Button.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { TextField } from '../../ui/Field.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { MeetingBefore } from './MeetingBefore.tsx';
import { MeetingDocuments } from './MeetingDocuments.tsx';
import type { MeetingView } from './types.ts';

/**
 * One meeting: the member's tablet view (reply, check-in, ask to speak, vote), the chair's console
 * (open/close contents, call speakers, open/close votes) and, with ?view=hall, the hall display.
 * Live events of the meeting refresh it (query key "meeting").
 */
export function MeetingPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const hall = search.get('view') === 'hall';
  const client = useQueryClient();
  const query = useQuery({
    queryKey: ['meeting', id],
    queryFn: () => api.get<MeetingView>(`/api/meetings/${id}`),
  });
  const act = useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown }) =>
      api.post(`/api/meetings/${id}${path}`, body ?? {}),
    onSettled: () => client.invalidateQueries({ queryKey: ['meeting', id] }),
  });
  const post = (path: string, body?: unknown) => act.mutate({ path, body });
  const [reason, setReason] = useState('');
  return (
    <QueryState query={query}>
      {(v) => {
        const current = v.items.find((i) => i.state === 'open');
        const poll = v.polls.find((p) => p.state === 'open');
        const lastResult = [...v.polls].reverse().find((p) => p.result);
        const speaker = v.speeches.find((s) => s.state === 'speaking');
        const speakerName = v.participants.find((p) => p.id === speaker?.participantId)?.name;
        const console = v.can.chair || v.can.manage;
        return (
          <div className={hall ? 'meeting-hall' : 'meeting-tablet'}>
            <PageHeader title={v.meeting.title} lead={t(`meetings.state.${v.meeting.state}`)} />
            <p aria-live="polite">
              {t('meetings.quorum', { present: v.quorum.present, members: v.quorum.members })}{' '}
              {v.quorum.quorate
                ? t('meetings.quorate')
                : t('meetings.not_quorate', { n: v.quorum.shortfall })}
            </p>
            {act.error ? <ApiErrorAlert error={act.error} /> : null}
            <section aria-labelledby="mtg-current">
              <h2 id="mtg-current">{t('meetings.current')}</h2>
              <p>
                {current
                  ? `${current.position}. ${current.title} (${current.presentingUnit})`
                  : t('meetings.no_current')}
              </p>
              {current ? <p>{t('meetings.budget', { minutes: current.plannedMinutes })}</p> : null}
              {speakerName ? <p aria-live="polite">{t('meetings.speaking', { name: speakerName })}</p> : null}
              {lastResult?.result ? (
                <p aria-live="polite">
                  {t('meetings.result', { ...lastResult.result, question: lastResult.question })}{' '}
                  {lastResult.result.adopted ? t('meetings.adopted') : t('meetings.not_adopted')}
                </p>
              ) : null}
            </section>
            {hall ? null : (
              <>
                {v.me && !v.me.present && v.meeting.state !== 'draft' ? (
                  <section aria-labelledby="mtg-me">
                    <h2 id="mtg-me">{t('meetings.my_attendance')}</h2>
                    <Button onClick={() => post('/reply', { reply: 'attend', mode: 'in_person' })}>
                      {t('meetings.reply_attend')}
                    </Button>{' '}
                    <Button
                      variant="secondary"
                      onClick={() => post('/reply', { reply: 'attend', mode: 'online' })}
                    >
                      {t('meetings.reply_online')}
                    </Button>{' '}
                    <Button variant="secondary" onClick={() => post('/check-in', {})}>
                      {t('meetings.check_in')}
                    </Button>
                    {v.me.reply !== 'pending' ? (
                      <p role="status">{t(`meetings.my_reply.${v.me.reply}`)}</p>
                    ) : null}
                    {v.meeting.state === 'invited' ? (
                      <form
                        className="meeting-absent"
                        onSubmit={(e) => {
                          e.preventDefault();
                          post('/reply', { reply: 'absent', reason });
                        }}
                      >
                        <TextField
                          id="mtg-absent-reason"
                          label={t('meetings.absent_reason')}
                          value={reason}
                          onChange={(e) => setReason(e.target.value)}
                        />
                        <Button type="submit" variant="secondary">
                          {t('meetings.reply_absent')}
                        </Button>
                      </form>
                    ) : null}
                  </section>
                ) : null}
                {v.can.manage && v.meeting.state === 'draft' ? (
                  <Button onClick={() => post('/invitations')}>{t('meetings.send_invitations')}</Button>
                ) : null}
                {v.meeting.leadTooShort && (v.can.manage || v.can.chair) ? (
                  <p className="alert alert-warning">
                    {t('meetings.lead_short', { days: v.meeting.leadWorkingDays })}
                    {v.meeting.urgent ? ` ${t('meetings.urgent')}` : ''}
                  </p>
                ) : null}
                <MeetingDocuments meetingId={id} />
                {v.meeting.state !== 'cancelled' ? (
                  <MeetingBefore
                    meetingId={id}
                    items={v.items}
                    state={v.meeting.state}
                    canAsk={!!v.me && !v.can.manage}
                    console={console}
                  />
                ) : null}
                {v.me?.present && current ? (
                  <Button onClick={() => post('/speeches', { kind: 'contribution' })}>
                    {t('meetings.ask_to_speak')}
                  </Button>
                ) : null}
                {poll?.mine.elector && !poll.mine.voted ? (
                  <section aria-labelledby="mtg-vote">
                    <h2 id="mtg-vote">{t('meetings.vote', { question: poll.question })}</h2>
                    {(['agree', 'disagree', 'abstain'] as const).map((c) => (
                      <Button
                        key={c}
                        variant="secondary"
                        onClick={() => post(`/polls/${poll.id}/ballot`, { choice: c })}
                      >
                        {t(`meetings.choice.${c}`)}
                      </Button>
                    ))}
                  </section>
                ) : null}
                <section aria-labelledby="mtg-agenda">
                  <h2 id="mtg-agenda">{t('meetings.agenda')}</h2>
                  <ol>
                    {v.items.map((i) => (
                      <li key={i.id}>
                        {i.title} — {i.presentingUnit} — {t('meetings.budget', { minutes: i.plannedMinutes })}{' '}
                        — {t(`meetings.item_state.${i.state}`)}
                        {console &&
                        v.meeting.state === 'in_session' &&
                        i.state !== 'open' &&
                        (i.state === 'planned' || i.state === 'closed') ? (
                          <Button small variant="quiet" onClick={() => post(`/items/${i.id}/open`)}>
                            {t('meetings.open_item')}
                          </Button>
                        ) : null}
                        {console && i.state === 'open' ? (
                          <Button small variant="quiet" onClick={() => post(`/items/${i.id}/close`, {})}>
                            {t('meetings.close_item')}
                          </Button>
                        ) : null}
                      </li>
                    ))}
                  </ol>
                </section>
                {console ? (
                  <section aria-labelledby="mtg-console">
                    <h2 id="mtg-console">{t('meetings.console')}</h2>
                    {v.meeting.state === 'invited' ? (
                      <Button onClick={() => post('/start')}>{t('meetings.start')}</Button>
                    ) : null}
                    {v.meeting.state === 'in_session' ? (
                      <>
                        <Button variant="secondary" onClick={() => post('/speeches/next', {})}>
                          {t('meetings.next_speaker')}
                        </Button>{' '}
                        {poll ? (
                          <Button onClick={() => post(`/polls/${poll.id}/close`)}>
                            {t('meetings.close_vote')}
                          </Button>
                        ) : current ? (
                          <>
                            <Button
                              variant="secondary"
                              onClick={() =>
                                post('/polls', { itemId: current.id, question: current.title, secret: false })
                              }
                            >
                              {t('meetings.open_vote')}
                            </Button>{' '}
                            <Button
                              variant="secondary"
                              onClick={() =>
                                post('/polls', {
                                  itemId: current.id,
                                  question: t('meetings.secret_question', { title: current.title }),
                                  secret: true,
                                })
                              }
                            >
                              {t('meetings.open_secret_vote')}
                            </Button>
                          </>
                        ) : null}{' '}
                        <Button variant="danger" onClick={() => post('/end')}>
                          {t('meetings.end')}
                        </Button>
                      </>
                    ) : null}
                  </section>
                ) : null}
              </>
            )}
          </div>
        );
      }}
    </QueryState>
  );
}
