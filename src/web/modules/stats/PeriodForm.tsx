import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';

type Kind = 'month' | 'quarter' | 'year' | 'custom';

/** The period as the API writes it, from a kind and one or two months (yyyy-mm). */
export function periodLabel(kind: Kind, month: string, until: string): string | null {
  if (!/^\d{4}-\d{2}$/.test(month)) return null;
  const [y, m] = month.split('-').map(Number) as [number, number];
  if (kind === 'month') return month;
  if (kind === 'quarter') return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
  if (kind === 'year') return String(y);
  if (!/^\d{4}-\d{2}$/.test(until) || until < month) return null;
  return `${month}..${until}`;
}

function kindOf(period: string): { kind: Kind; month: string; until: string } {
  if (/^\d{4}-\d{2}\.\./.test(period))
    return { kind: 'custom', month: period.slice(0, 7), until: period.slice(9) };
  if (/-Q\d$/.test(period)) {
    const q = Number(period.slice(-1));
    return {
      kind: 'quarter',
      month: `${period.slice(0, 4)}-${String((q - 1) * 3 + 1).padStart(2, '0')}`,
      until: '',
    };
  }
  if (/^\d{4}$/.test(period)) return { kind: 'year', month: `${period}-01`, until: '' };
  return { kind: 'month', month: period, until: '' };
}

/** Month, quarter, year or a custom range of months. */
export function PeriodForm({ period, onChange }: { period: string; onChange: (period: string) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(() => kindOf(period));
  const [problem, setProblem] = useState<string | null>(null);
  function submit(e: FormEvent) {
    e.preventDefault();
    const label = periodLabel(draft.kind, draft.month, draft.until);
    if (!label) {
      setProblem(t('stats.period_invalid'));
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
          onChange={(e) => setDraft({ ...draft, kind: e.target.value as Kind })}
        >
          {(['month', 'quarter', 'year', 'custom'] as const).map((k) => (
            <option key={k} value={k}>
              {t(`stats.kind.${k}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          id="stats-month"
          type="month"
          label={draft.kind === 'custom' ? t('stats.from_month') : t('stats.month')}
          value={draft.month}
          error={problem ?? undefined}
          onChange={(e) => setDraft({ ...draft, month: e.target.value })}
        />
        {draft.kind === 'custom' ? (
          <TextField
            id="stats-until"
            type="month"
            label={t('stats.to_month')}
            value={draft.until}
            onChange={(e) => setDraft({ ...draft, until: e.target.value })}
          />
        ) : null}
        <div className="filter-actions">
          <Button type="submit">{t('stats.show')}</Button>
        </div>
      </form>
    </search>
  );
}
