import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../ui/format.ts';
import { Table } from '../../../ui/Table.tsx';
import type { CalendarDay, DayKind } from './CalendarPage.tsx';

// A mark per kind of day as well as a colour, for readers who do not tell the colours apart.
const MARK: Record<DayKind, string> = { workday: '', weekend: '', holiday: '✕', makeup: '●', half_day: '½' };
const MONDAY_FIRST = [1, 2, 3, 4, 5, 6, 0];

/** Twelve month grids (Monday first) and the list of days that are not plain working days or weekends. */
export function YearView({ year, days }: { year: number; days: CalendarDay[] }) {
  const { t } = useTranslation();
  const byMonth = Array.from({ length: 12 }, (_, m) =>
    days.filter((d) => Number(d.date.slice(5, 7)) === m + 1),
  );
  const special = days.filter((d) => d.kind === 'holiday' || d.kind === 'makeup' || d.kind === 'half_day');
  const working = days.filter((d) => d.workingMinutes > 0).length;
  return (
    <div className="stack">
      <p>{t('calendar_admin.year_summary', { year, working, off: days.length - working })}</p>
      <ul className="calendar-legend" aria-label={t('calendar_admin.legend')}>
        {(['workday', 'weekend', 'holiday', 'makeup', 'half_day'] as const).map((k) => (
          <li key={k}>
            <span className={`calendar-swatch day-${k}`} aria-hidden="true">
              {MARK[k]}
            </span>
            {t(`calendar_admin.day.${k}`)}
          </li>
        ))}
      </ul>
      <div className="calendar-months">
        {byMonth.map((list, m) => (
          <Month key={list[0]?.date ?? m} month={m + 1} year={year} days={list} />
        ))}
      </div>
      <Table
        caption={t('calendar_admin.special_caption', { year })}
        rows={special}
        rowKey={(d) => d.date}
        columns={[
          { key: 'date', header: t('calendar_admin.date'), rowHeader: true, cell: (d) => formatDate(d.date) },
          { key: 'kind', header: t('calendar_admin.kind'), cell: (d) => t(`calendar_admin.day.${d.kind}`) },
          { key: 'name', header: t('calendar_admin.name'), cell: (d) => d.name ?? '' },
          { key: 'source', header: t('calendar_admin.source'), cell: (d) => d.source ?? '' },
        ]}
      />
    </div>
  );
}

function Month({ month, year, days }: { month: number; year: number; days: CalendarDay[] }) {
  const { t } = useTranslation();
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  const lead = MONDAY_FIRST.indexOf(first);
  const cells: (CalendarDay | null)[] = [...Array.from({ length: lead }, () => null), ...days];
  while (cells.length % 7) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
  return (
    <table className="calendar-month">
      <caption>{t('calendar_admin.month', { month, year })}</caption>
      <thead>
        <tr>
          {MONDAY_FIRST.map((d) => (
            <th key={d} scope="col" abbr={t(`calendar_admin.weekday.${d}`)}>
              {t(`calendar_admin.weekday_short.${d}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week) => (
          <tr key={week.find(Boolean)?.date}>
            {week.map((d, i) =>
              d ? (
                <td key={d.date} className={`day-${d.kind}`} title={d.name ?? undefined}>
                  <span aria-hidden="true">{Number(d.date.slice(8))}</span>
                  <span className="visually-hidden">
                    {`${Number(d.date.slice(8))}: ${t(`calendar_admin.day.${d.kind}`)}${d.name ? ` (${d.name})` : ''}`}
                  </span>
                </td>
              ) : (
                // biome-ignore lint/suspicious/noArrayIndexKey: empty cells before the 1st and after the last day
                <td key={`empty-${i}`} />
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
