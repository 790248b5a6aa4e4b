import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { api } from '../../../app/api.ts';
import { Alert } from '../../../ui/Alert.tsx';
import { Button } from '../../../ui/Button.tsx';
import { ErrorSummary } from '../../../ui/ErrorSummary.tsx';
import { Checkbox, TextField } from '../../../ui/Field.tsx';
import { useFormErrors } from '../../../ui/form.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { QueryState } from '../../../ui/QueryState.tsx';

type SettingKey = 'calendarDaysSkipHolidays' | 'sameDayCutoff';
interface Setting {
  key: SettingKey;
  value: boolean | string;
  /** null while the shipped default applies */
  source: string | null;
  updatedAt: string | null;
}

// The same rules as the server's body (DeadlineSettingBody in admin-routes.ts), checked before sending.
const SettingInput = z.discriminatedUnion('key', [
  z.strictObject({
    key: z.literal('calendarDaysSkipHolidays'),
    value: z.boolean(),
    source: z.string().trim().min(5).max(500),
  }),
  z.strictObject({
    key: z.literal('sameDayCutoff'),
    value: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
    source: z.string().trim().min(5).max(500),
  }),
]);

const queryKey = ['services', 'calendar', 'deadline-settings'] as const;

/** The rules the deadline engine follows besides the calendar, each shown and changed with its legal source. */
export function DeadlineSettings() {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey,
    queryFn: () => api.get<{ items: Setting[] }>('/api/admin/deadline-settings'),
  });
  return (
    <>
      <p className="muted">{t('calendar_admin.rules.lead')}</p>
      <QueryState query={query}>
        {(data) => (
          <div className="split split-even">
            {data.items.map((s) => (
              <SettingForm key={s.key} setting={s} />
            ))}
          </div>
        )}
      </QueryState>
    </>
  );
}

function SettingForm({ setting }: { setting: Setting }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useFormErrors();
  const [value, setValue] = useState(setting.value);
  const [source, setSource] = useState('');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const id = `rule-${setting.key}`;
  const labels = {
    value: t(`calendar_admin.rules.${setting.key}.label`),
    source: t('calendar_admin.rules.source_label'),
  };
  const shown = (v: boolean | string) =>
    typeof v === 'boolean' ? t(`calendar_admin.rules.calendarDaysSkipHolidays.${v ? 'yes' : 'no'}`) : v;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const body = form.check(SettingInput, { key: setting.key, value, source });
    if (!body) return;
    setBusy(true);
    setSaved(false);
    try {
      await api.put('/api/admin/deadline-settings', body);
      form.clear();
      setSource('');
      setSaved(true);
      await client.invalidateQueries({ queryKey });
    } catch (err) {
      form.fail(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t(`calendar_admin.rules.${setting.key}.title`)}</h3>
      <dl className="facts">
        <div>
          <dt>{t('calendar_admin.rules.current')}</dt>
          <dd>{shown(setting.value)}</dd>
        </div>
        <div>
          <dt>{t('calendar_admin.source')}</dt>
          <dd>{setting.source ?? t('calendar_admin.rules.default_source')}</dd>
        </div>
        {setting.updatedAt ? (
          <div>
            <dt>{t('calendar_admin.rules.updated')}</dt>
            <dd>{formatDateTime(setting.updatedAt)}</dd>
          </div>
        ) : null}
      </dl>
      {saved ? (
        <Alert kind="success" live>
          {t('calendar_admin.rules.saved')}
        </Alert>
      ) : null}
      <ErrorSummary form={form} fieldIds={{ value: `${id}-value`, source: `${id}-source` }} labels={labels} />
      <form className="form" onSubmit={submit} noValidate>
        {setting.key === 'calendarDaysSkipHolidays' ? (
          <Checkbox
            id={`${id}-value`}
            label={labels.value}
            hint={t('calendar_admin.rules.calendarDaysSkipHolidays.hint')}
            checked={value === true}
            onChange={(e) => setValue(e.target.checked)}
          />
        ) : (
          <TextField
            id={`${id}-value`}
            type="time"
            label={labels.value}
            hint={t('calendar_admin.rules.sameDayCutoff.hint')}
            value={String(value)}
            onChange={(e) => setValue(e.target.value)}
            error={form.fields.value}
            required
          />
        )}
        <TextField
          id={`${id}-source`}
          label={labels.source}
          hint={t('calendar_admin.rules.source_hint')}
          value={source}
          onChange={(e) => setSource(e.target.value)}
          error={form.fields.source}
          required
        />
        <div className="button-row">
          <Button type="submit" busy={busy}>
            {t('calendar_admin.rules.save')}
          </Button>
        </div>
      </form>
    </section>
  );
}
