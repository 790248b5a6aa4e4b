import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, api } from '../../app/api.ts';
import { paths } from '../../app/paths.ts';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert.tsx';
import { Button } from '../../ui/Button.tsx';
import { GroupShell } from '../../ui/ChoiceGroup.tsx';
import { DateTimeField } from '../../ui/DateTimeField.tsx';
import { Checkbox, SelectField, TextField } from '../../ui/Field.tsx';
import { serverFields } from '../../ui/form.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import type { MeetingDraft } from './types.ts';

type Repeat = '' | 'weekly' | 'monthly_date' | 'monthly_weekday';
interface ItemForm {
  key: number;
  title: string;
  presentingUnit: string;
  plannedMinutes: string;
  expectedOutcome: 'decision' | 'opinion' | 'information';
}
const MODES = ['in_person', 'online', 'hybrid'] as const;
const OUTCOMES = ['decision', 'opinion', 'information'] as const;
let nextKey = 1;

/**
 * The secretariat prepares a meeting: it picks a kind, whose template fills the form (title, format,
 * place, length, recurrence, the standing agenda), keeps or drops the standing participants, sets the
 * agenda's contents (presenting unit, time budget, expected outcome) and creates the meeting — or every
 * meeting of a recurring series. The invitations are sent from the meeting's page.
 */
export function NewMeetingPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [kindCode, setKindCode] = useState('');
  const [agencyId, setAgencyId] = useState('');
  const draft = useQuery({
    queryKey: ['meeting', 'draft', kindCode, agencyId],
    queryFn: () =>
      api.get<MeetingDraft>(
        `/api/meetings/draft?${new URLSearchParams({
          ...(kindCode ? { kindCode } : {}),
          ...(agencyId ? { agencyId } : {}),
        })}`,
      ),
  });
  return (
    <>
      <PageHeader title={t('meetings.new.title')} lead={t('meetings.new.lead')} />
      <QueryState query={draft}>
        {(d) => (
          <MeetingForm
            key={`${d.kindCode}/${d.agencyId}`}
            draft={d}
            onKind={setKindCode}
            onAgency={setAgencyId}
            onCreated={(id) => navigate(`${paths.meetings}/${id}`)}
          />
        )}
      </QueryState>
    </>
  );
}

function MeetingForm({
  draft,
  onKind,
  onAgency,
  onCreated,
}: {
  draft: MeetingDraft;
  onKind: (code: string) => void;
  onAgency: (id: string) => void;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation();
  const tpl = draft.template;
  const [title, setTitle] = useState(tpl.title);
  const [mode, setMode] = useState<(typeof MODES)[number]>(tpl.mode);
  const [place, setPlace] = useState(tpl.place ?? '');
  const [start, setStart] = useState('');
  const [duration, setDuration] = useState(String(tpl.durationMinutes));
  const [repeat, setRepeat] = useState<Repeat>(tpl.repeat ?? '');
  const [count, setCount] = useState('6');
  const [people, setPeople] = useState(() => new Set(draft.participants.map((p) => p.userId)));
  const [items, setItems] = useState<ItemForm[]>(() =>
    tpl.items.map((i) => ({ ...i, key: nextKey++, plannedMinutes: String(i.plannedMinutes) })),
  );
  const [local, setLocal] = useState<Record<string, string>>({});
  const create = useMutation({
    mutationFn: (body: unknown) => api.post<{ id: string; series: string[] }>('/api/meetings', body),
    onSuccess: (r) => onCreated(r.id),
  });
  const fields = create.error instanceof ApiError ? serverFields(create.error.fields ?? []) : {};
  const error = (name: string) => local[name] ?? fields[name];
  const setItem = (key: number, patch: Partial<ItemForm>) =>
    setItems((xs) => xs.map((x) => (x.key === key ? { ...x, ...patch } : x)));

  const submit = () => {
    const problems: Record<string, string> = {};
    if (!start) problems.startsAt = t('meetings.new.start_missing');
    const minutes = Number(duration);
    if (!Number.isInteger(minutes) || minutes < 15)
      problems.plannedEndAt = t('meetings.new.duration_invalid');
    setLocal(problems);
    if (Object.keys(problems).length) return;
    const startsAt = new Date(`${start}:00+07:00`);
    create.mutate({
      kindCode: draft.kindCode,
      agencyId: draft.agencyId,
      title,
      mode,
      ...(place.trim() ? { place } : {}),
      startsAt: startsAt.toISOString(),
      plannedEndAt: new Date(startsAt.getTime() + minutes * 60_000).toISOString(),
      participants: draft.participants
        .filter((p) => people.has(p.userId))
        .map((p) => ({ userId: p.userId, role: p.role })),
      items: items.map(({ key: _, plannedMinutes, ...i }) => ({
        ...i,
        plannedMinutes: Number(plannedMinutes),
      })),
      ...(repeat ? { repeat: { every: repeat, count: Number(count) } } : {}),
    });
  };

  return (
    <form
      className="meeting-new"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {create.error ? <ApiErrorAlert error={create.error} /> : null}
      <SelectField
        id="mtg-kind"
        label={t('meetings.new.kind')}
        hint={t('meetings.new.kind_hint')}
        value={draft.kindCode}
        onChange={(e) => onKind(e.target.value)}
      >
        {draft.kinds.map((k) => (
          <option key={k.code} value={k.code}>
            {k.name}
          </option>
        ))}
      </SelectField>
      {draft.agencies.length > 1 ? (
        <SelectField
          id="mtg-agency"
          label={t('meetings.new.agency')}
          value={draft.agencyId}
          onChange={(e) => onAgency(e.target.value)}
        >
          {draft.agencies.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      <TextField
        id="mtg-title"
        label={t('meetings.new.meeting_title')}
        required
        value={title}
        error={error('title')}
        onChange={(e) => setTitle(e.target.value)}
      />
      <SelectField
        id="mtg-mode"
        label={t('meetings.new.mode')}
        value={mode}
        onChange={(e) => setMode(e.target.value as (typeof MODES)[number])}
      >
        {MODES.map((m) => (
          <option key={m} value={m}>
            {t(`meetings.mode.${m}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        id="mtg-place"
        label={t('meetings.new.place')}
        value={place}
        onChange={(e) => setPlace(e.target.value)}
      />
      <DateTimeField
        id="mtg-start"
        label={t('meetings.new.start')}
        hint={t('meetings.new.start_hint', { time: tpl.startTime })}
        required
        value={start}
        error={error('startsAt')}
        onValue={setStart}
      />
      <TextField
        id="mtg-duration"
        label={t('meetings.new.duration')}
        inputMode="numeric"
        required
        value={duration}
        error={error('plannedEndAt')}
        onChange={(e) => setDuration(e.target.value)}
        fieldClassName="field-narrow"
      />
      <SelectField
        id="mtg-repeat"
        label={t('meetings.new.repeat')}
        hint={t('meetings.new.repeat_hint')}
        value={repeat}
        error={error('repeat') ?? error('rrule')}
        onChange={(e) => setRepeat(e.target.value as Repeat)}
      >
        {(['', 'weekly', 'monthly_date', 'monthly_weekday'] as const).map((r) => (
          <option key={r} value={r}>
            {t(`meetings.new.repeat.${r || 'none'}`)}
          </option>
        ))}
      </SelectField>
      {repeat ? (
        <TextField
          id="mtg-count"
          label={t('meetings.new.count')}
          hint={t('meetings.new.count_hint')}
          inputMode="numeric"
          value={count}
          error={error('repeat.count')}
          onChange={(e) => setCount(e.target.value)}
          fieldClassName="field-narrow"
        />
      ) : null}

      <GroupShell
        id="mtg-people"
        legend={t('meetings.new.participants')}
        hint={
          draft.from
            ? t('meetings.new.participants_from', { title: draft.from.title })
            : t('meetings.new.participants_none')
        }
        error={error('participants')}
      >
        {draft.participants.map((p) => (
          <Checkbox
            key={p.userId}
            id={`mtg-person-${p.userId}`}
            label={`${p.name} — ${t(`meetings.role.${p.role}`)}`}
            checked={people.has(p.userId)}
            onChange={(e) =>
              setPeople((s) => {
                const next = new Set(s);
                if (e.target.checked) next.add(p.userId);
                else next.delete(p.userId);
                return next;
              })
            }
          />
        ))}
      </GroupShell>

      <h2>{t('meetings.new.agenda')}</h2>
      {items.length === 0 ? <p>{t('meetings.new.no_items')}</p> : null}
      {items.map((it, i) => (
        <GroupShell key={it.key} id={`mtg-item-${it.key}`} legend={t('meetings.new.item_n', { n: i + 1 })}>
          <TextField
            id={`mtg-item-${it.key}-title`}
            label={t('meetings.new.item_title')}
            required
            value={it.title}
            error={error(`items.${i}.title`)}
            onChange={(e) => setItem(it.key, { title: e.target.value })}
          />
          <TextField
            id={`mtg-item-${it.key}-unit`}
            label={t('meetings.new.item_unit')}
            required
            value={it.presentingUnit}
            error={error(`items.${i}.presentingUnit`)}
            onChange={(e) => setItem(it.key, { presentingUnit: e.target.value })}
          />
          <div className="form-row">
            <TextField
              id={`mtg-item-${it.key}-minutes`}
              label={t('meetings.new.item_minutes')}
              inputMode="numeric"
              required
              value={it.plannedMinutes}
              error={error(`items.${i}.plannedMinutes`)}
              onChange={(e) => setItem(it.key, { plannedMinutes: e.target.value })}
              fieldClassName="field-narrow"
            />
            <SelectField
              id={`mtg-item-${it.key}-outcome`}
              label={t('meetings.new.item_outcome')}
              value={it.expectedOutcome}
              onChange={(e) =>
                setItem(it.key, { expectedOutcome: e.target.value as ItemForm['expectedOutcome'] })
              }
            >
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(`meetings.outcome_expected.${o}`)}
                </option>
              ))}
            </SelectField>
          </div>
          <Button
            small
            variant="quiet"
            onClick={() => setItems((xs) => xs.filter((x) => x.key !== it.key))}
            aria-label={t('meetings.new.remove_item_n', { n: i + 1 })}
          >
            {t('meetings.new.remove_item')}
          </Button>
        </GroupShell>
      ))}
      <p>
        <Button
          variant="secondary"
          onClick={() =>
            setItems((xs) => [
              ...xs,
              {
                key: nextKey++,
                title: '',
                presentingUnit: '',
                plannedMinutes: '30',
                expectedOutcome: 'opinion',
              },
            ])
          }
        >
          {t('meetings.new.add_item')}
        </Button>
      </p>
      <p>
        {t('meetings.new.planned_total', {
          minutes: items.reduce((s, x) => s + (Number(x.plannedMinutes) || 0), 0),
          duration: Number(duration) || 0,
        })}
      </p>
      <Button type="submit" disabled={create.isPending}>
        {repeat ? t('meetings.new.create_series', { n: Number(count) || 0 }) : t('meetings.new.create')}
      </Button>
    </form>
  );
}
