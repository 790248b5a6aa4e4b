import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { api } from '../../../app/api.ts';
import { Alert } from '../../../ui/Alert.tsx';
import { Button } from '../../../ui/Button.tsx';
import { RadioGroup } from '../../../ui/ChoiceGroup.tsx';
import { ErrorSummary } from '../../../ui/ErrorSummary.tsx';
import { SelectField, TextField } from '../../../ui/Field.tsx';
import { useFormErrors } from '../../../ui/form.ts';
import { formatDate, todayInVietnam } from '../../../ui/format.ts';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { QueryState } from '../../../ui/QueryState.tsx';
import { RequiredNote } from '../../../ui/RequiredNote.tsx';
import { Section } from '../../../ui/Section.tsx';
import { Table } from '../../../ui/Table.tsx';
import { DeadlineSettings } from './DeadlineSettings.tsx';
import { YearView } from './YearView.tsx';
import { DateField } from '../../../ui/DateField.tsx';

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup' | 'half_day';
export interface CalendarDay {
  date: string;
  kind: DayKind;
  workingMinutes: number;
  name: string | null;
  source: string | null;
}
interface YearData {
  year: number;
  days: CalendarDay[];
  holidayNames: { key: string; name: string }[];
}
interface Notice {
  date: string;
  kind: NoticeKind;
  nameKey: string;
  source: string;
}
const KINDS = ['day_off', 'working_day', 'half_day_am', 'half_day_pm', 'not_holiday'] as const;
type NoticeKind = (typeof KINDS)[number];

// The same rules as the server's body (admin-routes.ts), checked before sending.
const NoticeInput = z.strictObject({
  date: z.iso.date(),
  kind: z.enum(KINDS),
  nameKey: z.string().min(3).max(100),
  source: z.string().trim().min(5).max(500),
});

const keys = {
  year: (y: number) => ['services', 'calendar', 'year', y] as const,
  notices: ['services', 'calendar', 'notices'] as const,
};

/** The annual notice (days off, make-up days, half days, each with its legal source) and the year it makes. */
export function CalendarPage() {
  const { t } = useTranslation();
  const [year, setYear] = useState(Number(todayInVietnam().slice(0, 4)));
  const yearQuery = useQuery({
    queryKey: keys.year(year),
    queryFn: () => api.get<YearData>(`/api/admin/calendar/year/${year}`),
  });
  const notices = useQuery({
    queryKey: keys.notices,
    queryFn: () => api.get<{ items: Notice[] }>('/api/admin/calendar/notices'),
  });
  const client = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: ['services', 'calendar'] });
  const nameOf = (key: string) =>
    yearQuery.data?.holidayNames.find((h) => h.key === key)?.name ?? t('calendar_admin.name_other');

  async function remove(n: Notice) {
    await api.delete(`/api/admin/calendar/notices/${n.date}`);
    await refresh();
    setNotice(t('calendar_admin.removed', { date: formatDate(n.date) }));
  }

  const ofYear = (notices.data?.items ?? []).filter((n) => n.date.startsWith(`${year}-`));
  return (
    <>
      <PageHeader title={t('calendar_admin.title')} lead={t('calendar_admin.lead')} />
      {notice ? (
        <Alert kind="success" live>
          {notice}
        </Alert>
      ) : null}
      <div className="button-row year-switch">
        <Button variant="secondary" small onClick={() => setYear((y) => y - 1)}>
          {t('calendar_admin.previous_year', { year: year - 1 })}
        </Button>
        <p className="year-current" aria-live="polite">
          {t('calendar_admin.year', { year })}
        </p>
        <Button variant="secondary" small onClick={() => setYear((y) => y + 1)}>
          {t('calendar_admin.next_year', { year: year + 1 })}
        </Button>
      </div>
      <div className="split split-even">
        <Section title={t('calendar_admin.form_title')}>
          <NoticeForm
            year={year}
            names={yearQuery.data?.holidayNames ?? []}
            onSaved={async (n) => {
              await refresh();
              setNotice(t('calendar_admin.saved', { date: formatDate(n.date) }));
            }}
          />
        </Section>
        <Section title={t('calendar_admin.entered_title', { year })}>
          <QueryState query={notices}>
            {() =>
              ofYear.length === 0 ? (
                <p className="muted">{t('calendar_admin.none_entered')}</p>
              ) : (
                <Table
                  caption={t('calendar_admin.entered_title', { year })}
                  captionHidden
                  rows={ofYear}
                  rowKey={(n) => n.date}
                  columns={[
                    {
                      key: 'date',
                      header: t('calendar_admin.date'),
                      rowHeader: true,
                      cell: (n) => formatDate(n.date),
                    },
                    {
                      key: 'kind',
                      header: t('calendar_admin.kind'),
                      cell: (n) => t(`calendar_admin.kind.${n.kind}`),
                    },
                    { key: 'name', header: t('calendar_admin.name'), cell: (n) => nameOf(n.nameKey) },
                    { key: 'source', header: t('calendar_admin.source'), cell: (n) => n.source },
                    {
                      key: 'actions',
                      header: <span className="visually-hidden">{t('common.actions')}</span>,
                      cell: (n) => (
                        <Button
                          variant="quiet"
                          small
                          onClick={() => remove(n)}
                          aria-label={t('calendar_admin.remove_named', { date: formatDate(n.date) })}
                        >
                          {t('common.remove')}
                        </Button>
                      ),
                    },
                  ]}
                />
              )
            }
          </QueryState>
        </Section>
      </div>
      <Section title={t('calendar_admin.year_title', { year })}>
        <QueryState query={yearQuery}>{(data) => <YearView year={data.year} days={data.days} />}</QueryState>
      </Section>
      <Section title={t('calendar_admin.rules.title')}>
        <DeadlineSettings />
      </Section>
    </>
  );
}

function NoticeForm({
  year,
  names,
  onSaved,
}: {
  year: number;
  names: { key: string; name: string }[];
  onSaved: (n: Notice) => Promise<void>;
}) {
  const { t } = useTranslation();
  const form = useFormErrors();
  const [values, setValues] = useState<Notice>({
    date: `${year}-01-01`,
    kind: 'day_off',
    nameKey: 'holiday.other',
    source: '',
  });
  const [busy, setBusy] = useState(false);
  const labels = {
    date: t('calendar_admin.date'),
    kind: t('calendar_admin.kind'),
    nameKey: t('calendar_admin.name'),
    source: t('calendar_admin.source'),
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const body = form.check(NoticeInput, values);
    if (!body) return;
    setBusy(true);
    try {
      await api.put('/api/admin/calendar/notices', body);
      form.clear();
      setValues((v) => ({ ...v, source: '' }));
      await onSaved(body);
    } catch (err) {
      form.fail(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <ErrorSummary
        form={form}
        fieldIds={{
          date: 'notice-date',
          kind: 'notice-kind-0',
          nameKey: 'notice-name',
          source: 'notice-source',
        }}
        labels={labels}
      />
      <form className="form" onSubmit={submit} noValidate>
        <RequiredNote />
        <DateField
          id="notice-date"
          label={labels.date}
          value={values.date}
          onValue={(value) => setValues((v) => ({ ...v, date: value }))}
          error={form.fields.date}
          required
        />
        <RadioGroup
          id="notice-kind"
          legend={labels.kind}
          value={values.kind}
          onChange={(kind) => setValues((v) => ({ ...v, kind: kind as NoticeKind }))}
          error={form.fields.kind}
          required
          options={KINDS.map((k) => ({
            value: k,
            label: t(`calendar_admin.kind.${k}`),
            hint: t(`calendar_admin.kind_hint.${k}`),
          }))}
        />
        <SelectField
          id="notice-name"
          label={labels.nameKey}
          value={values.nameKey}
          onChange={(e) => setValues((v) => ({ ...v, nameKey: e.target.value }))}
          error={form.fields.nameKey}
        >
          {names.map((n) => (
            <option key={n.key} value={n.key}>
              {n.name}
            </option>
          ))}
        </SelectField>
        <TextField
          id="notice-source"
          label={labels.source}
          hint={t('calendar_admin.source_hint')}
          value={values.source}
          onChange={(e) => setValues((v) => ({ ...v, source: e.target.value }))}
          error={form.fields.source}
          required
        />
        <div className="button-row">
          <Button type="submit" busy={busy}>
            {t('calendar_admin.save')}
          </Button>
        </div>
      </form>
    </>
  );
}
