import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert.tsx';
import { Button } from '../../ui/Button.tsx';
import { RadioGroup } from '../../ui/ChoiceGroup.tsx';
import { DateTimeField } from '../../ui/DateTimeField.tsx';
import { SelectField, TextAreaField } from '../../ui/Field.tsx';
import type { ItemView, QuestionsView, RoundView } from './types.ts';

/**
 * Before the meeting (issue 12, item 4): questions and opinions sent in advance per content (the chair,
 * the secretariat and the presenting unit read them; others their own); written opinion rounds —
 * the elector answers every question at once, results appear when the chair closes the round; the
 * chair opens a round on the planned contents and, in session, puts its consent block to one vote.
 */
export function MeetingBefore({
  meetingId,
  items,
  state,
  canAsk,
  console,
}: {
  meetingId: string;
  items: ItemView[];
  state: string;
  canAsk: boolean;
  console: boolean;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const questions = useQuery({
    queryKey: ['meeting', meetingId, 'questions'],
    queryFn: () => api.get<QuestionsView>(`/api/meetings/${meetingId}/questions`),
  });
  const rounds = useQuery({
    queryKey: ['meeting', meetingId, 'rounds'],
    queryFn: () => api.get<{ items: RoundView[] }>(`/api/meetings/${meetingId}/rounds`),
  });
  const [done, setDone] = useState('');
  const act = useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown; done?: string }) =>
      api.post(`/api/meetings/${meetingId}${path}`, body ?? {}),
    onSuccess: (_, v) => setDone(v.done ?? ''),
    onSettled: () => client.invalidateQueries({ queryKey: ['meeting', meetingId] }),
  });
  const planned = items.filter((i) => i.state === 'planned');
  const before = state === 'draft' || state === 'invited';
  const [itemId, setItemId] = useState('');
  const [kind, setKind] = useState<'question' | 'opinion'>('question');
  const [text, setText] = useState('');
  const [deadline, setDeadline] = useState('');
  const [choices, setChoices] = useState<Record<string, string>>({});
  const gathered = (questions.data?.items ?? []).filter((i) => i.questions.length);
  const list = rounds.data?.items ?? [];

  return (
    <section aria-labelledby="mtg-before">
      <h2 id="mtg-before">{t('meetings.before.title')}</h2>
      {act.error ? <ApiErrorAlert error={act.error} /> : null}
      {done ? <p role="status">{done}</p> : null}
      {canAsk && before && planned.length ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            act.mutate(
              {
                path: `/items/${itemId || planned[0]!.id}/questions`,
                body: { kind, text },
                done: t('meetings.before.sent'),
              },
              { onSuccess: () => setText('') },
            );
          }}
        >
          <SelectField
            id="mtg-q-item"
            label={t('meetings.before.item')}
            value={itemId || planned[0]!.id}
            onChange={(e) => setItemId(e.target.value)}
          >
            {planned.map((i) => (
              <option key={i.id} value={i.id}>
                {i.position}. {i.title}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="mtg-q-kind"
            label={t('meetings.before.kind')}
            value={kind}
            onChange={(e) => setKind(e.target.value as 'question' | 'opinion')}
          >
            <option value="question">{t('meetings.before.kind.question')}</option>
            <option value="opinion">{t('meetings.before.kind.opinion')}</option>
          </SelectField>
          <TextAreaField
            id="mtg-q-text"
            label={t('meetings.before.text')}
            hint={t('meetings.before.text_hint')}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <Button type="submit" variant="secondary">
            {t('meetings.before.send')}
          </Button>
        </form>
      ) : null}
      {gathered.length ? (
        <>
          <h3>{t('meetings.before.gathered')}</h3>
          {gathered.map((i) => (
            <div key={i.itemId}>
              <p>
                <strong>
                  {i.position}. {i.title}
                </strong>{' '}
                ({i.presentingUnit})
              </p>
              <ul>
                {i.questions.map((q) => (
                  <li key={q.id}>
                    {t(`meetings.before.kind.${q.kind}`)} — {q.author}: {q.text}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </>
      ) : null}

      <h3>{t('meetings.round.title')}</h3>
      {list.length === 0 ? <p>{t('meetings.round.none')}</p> : null}
      {list.map((r) => (
        <div key={r.id} className="meeting-round">
          <h4>{r.title}</h4>
          <p>
            {t(`meetings.round.state.${r.state}`)} —{' '}
            {t('meetings.round.progress', {
              answered: r.answered,
              electorate: r.electorate,
              deadline: new Date(r.deadline).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }),
            })}
          </p>
          {r.state === 'open' && r.mine.elector && !r.mine.answered ? (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                act.mutate({
                  path: `/rounds/${r.id}/answers`,
                  body: {
                    answers: r.questions.map((q) => ({ questionId: q.id, choice: choices[q.id] ?? '' })),
                  },
                  done: t('meetings.round.answered_status'),
                });
              }}
            >
              {r.questions.map((q) => (
                <RadioGroup
                  key={q.id}
                  id={`mtg-round-${q.id}`}
                  legend={`${q.position}. ${q.question}`}
                  options={q.options.map((o) => ({ value: o, label: t(`meetings.choice.${o}`) }))}
                  value={choices[q.id] ?? ''}
                  onChange={(v) => setChoices((c) => ({ ...c, [q.id]: v }))}
                />
              ))}
              <Button type="submit">{t('meetings.round.submit')}</Button>
            </form>
          ) : null}
          {r.mine.answered ? <p>{t('meetings.round.answered_status')}</p> : null}
          {r.state === 'closed' ? (
            <ul>
              {r.questions.map((q) =>
                q.result ? (
                  <li key={q.id}>
                    {t('meetings.round.result', { question: q.question, ...q.result })}{' '}
                    {q.result.adopted ? t('meetings.adopted') : t('meetings.not_adopted')}
                  </li>
                ) : null,
              )}
            </ul>
          ) : null}
          {r.state === 'closed' && r.consentItemIds.length ? (
            <p>{t('meetings.round.consent', { n: r.consentItemIds.length })}</p>
          ) : null}
          {console && r.state === 'open' ? (
            <Button
              variant="secondary"
              onClick={() =>
                act.mutate({ path: `/rounds/${r.id}/close`, done: t('meetings.round.closed_status') })
              }
            >
              {t('meetings.round.close')}
            </Button>
          ) : null}
          {console && r.state === 'closed' && r.consentItemIds.length && state === 'in_session' ? (
            <Button onClick={() => act.mutate({ path: '/consent-block', body: { roundId: r.id } })}>
              {t('meetings.round.consent_vote', { n: r.consentItemIds.length })}
            </Button>
          ) : null}
        </div>
      ))}
      {console && before && planned.length ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            act.mutate({
              path: '/rounds',
              body: {
                title: t('meetings.round.default_title'),
                deadline: deadline ? new Date(`${deadline}:00+07:00`).toISOString() : '',
                questions: planned.map((i) => ({
                  itemId: i.id,
                  question: t('meetings.round.default_question', { title: i.title }),
                })),
              },
              done: t('meetings.round.opened_status'),
            });
          }}
        >
          <DateTimeField
            id="mtg-round-deadline"
            label={t('meetings.round.deadline')}
            hint={t('meetings.round.deadline_hint', { n: planned.length })}
            value={deadline}
            onValue={setDeadline}
          />
          <Button type="submit" variant="secondary">
            {t('meetings.round.open')}
          </Button>
        </form>
      ) : null}
    </section>
  );
}
