import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button.tsx';
import { SelectField } from '../../ui/Field.tsx';
import { draftOf, KINDS, type Kind, periodLabel, withKind } from './period.ts';
import { DateField } from '../../ui/DateField.tsx';

/** Month, quarter, year, a custom range of months or (unless `days` is false) a custom range of days. */
export function PeriodForm({
  period,
  onChange,
  days = true,
}: {
  period: string;
  onChange: (period: string) => void;
  days?: boolean;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(() => draftOf(period));
  const [problem, setProblem] = useState<string | null>(null);
  function submit(e: FormEvent) {
    e.preventDefault();
    const label = periodLabel(draft);
    if (!label) {
      setProblem(t(draft.kind === 'days' ? 'stats.days_invalid' : 'stats.period_invalid'));
      return;
    }
    setProblem(null);
    onChange(label);
  }
  return (
    <search>
      <form className="filter-bar" onSubmit={submit} aria-label={t('stats.period_filter')} noValidate>
        <SelectField
          id="stats-kind"
          label={t('stats.period_kind')}
          value={draft.kind}
          onChange={(e) => setDraft(withKind(draft, e.target.value as Kind))}
        >
          {KINDS.filter((k) => days || k !== 'days').map((k) => (
            <option key={k} value={k}>
              {t(`stats.kind.${k}`)}
            </option>
          ))}
        </SelectField>
        {draft.kind === 'days' ? (
          <>
            <DateField
              id="stats-from-day"
              label={t('stats.from_day')}
              value={draft.fromDay}
              error={problem ?? undefined}
              onValue={(value) => setDraft({ ...draft, fromDay: value })}
            />
            <DateField
              id="stats-to-day"
              label={t('stats.to_day')}
              value={draft.toDay}
              onValue={(value) => setDraft({ ...draft, toDay: value })}
            />
          </>
        ) : (
          <DateField
            id="stats-month"
            month
            label={draft.kind === 'custom' ? t('stats.from_month') : t('stats.month')}
            value={draft.month}
            error={problem ?? undefined}
            onValue={(value) => setDraft({ ...draft, month: value })}
          />
        )}
        {draft.kind === 'custom' ? (
          <DateField
            id="stats-until"
            month
            label={t('stats.to_month')}
            value={draft.until}
            onValue={(value) => setDraft({ ...draft, until: value })}
          />
        ) : null}
        <div className="filter-actions">
          <Button type="submit">{t('stats.show')}</Button>
        </div>
      </form>
    </search>
  );
}
