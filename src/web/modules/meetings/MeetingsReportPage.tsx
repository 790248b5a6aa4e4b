import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, withQuery } from '../../app/api.ts';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert.tsx';
import { Button } from '../../ui/Button.tsx';
import { DateField } from '../../ui/DateField.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/Field.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import type { MeetingDraft, MeetingsReport } from './types.ts';

const pct = (x: number | null) => (x === null ? '—' : `${x.toLocaleString('vi-VN')} %`);
const num = (x: number | null) => (x === null ? '—' : x.toLocaleString('vi-VN'));

/**
 * The report of the two targets for the secretariat and the leaders it serves: per kind and period,
 * the time and paper figures measured from each meeting's own ledger against the imported baseline,
 * the meetings behind them, the CSV export, and the baseline import.
 */
export function MeetingsReportPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [kindCode, setKindCode] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const filter = { kindCode, from, to };
  const kinds = useQuery({
    queryKey: ['meeting', 'kinds'],
    queryFn: () => api.get<{ items: { code: string; name: string }[] }>('/api/meetings/kinds'),
  });
  const report = useQuery({
    queryKey: ['meeting', 'report', filter],
    queryFn: () => api.get<MeetingsReport>(withQuery('/api/meetings/report', filter)),
  });
  const draft = useQuery({
    queryKey: ['meeting', 'draft', '', ''],
    queryFn: () => api.get<MeetingDraft>('/api/meetings/draft'),
  });
  const [source, setSource] = useState('');
  const [csv, setCsv] = useState('');
  const upload = useMutation({
    mutationFn: () =>
      api.post<{ rows: number; imported: number; skipped: number }>('/api/meetings/baseline', {
        agencyId: draft.data?.agencyId,
        source,
        csv,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['meeting', 'report'] }),
  });

  return (
    <>
      <PageHeader title={t('meetings.report.title')} lead={t('meetings.report.intro')} />
      <form className="form-row" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          id="mtg-report-kind"
          label={t('meetings.report.kind')}
          value={kindCode}
          onChange={(e) => setKindCode(e.target.value)}
        >
          <option value="">{t('meetings.report.all_kinds')}</option>
          {(kinds.data?.items ?? []).map((k) => (
            <option key={k.code} value={k.code}>
              {k.name}
            </option>
          ))}
        </SelectField>
        <DateField id="mtg-report-from" label={t('meetings.report.from')} value={from} onValue={setFrom} />
        <DateField id="mtg-report-to" label={t('meetings.report.to')} value={to} onValue={setTo} />
      </form>
      <p>
        <a href={withQuery('/api/meetings/report.csv', filter)} download>
          {t('meetings.report.csv')}
        </a>
      </p>
      <QueryState query={report}>
        {(r) => (
          <>
            {r.kinds
              .filter((k) => k.meetings > 0 || k.baselineMeetings > 0)
              .map((k) => (
                <section key={k.kind} aria-labelledby={`mtg-report-${k.kind}`}>
                  <h2 id={`mtg-report-${k.kind}`}>{k.kindName}</h2>
                  <dl className="meeting-report">
                    <dt>{t('meetings.report.meetings')}</dt>
                    <dd>{k.meetings}</dd>
                    <dt>{t('meetings.report.mean_minutes')}</dt>
                    <dd>{num(k.meanNetMinutes)}</dd>
                    <dt>{t('meetings.report.baseline')}</dt>
                    <dd>
                      {t('meetings.report.baseline_value', {
                        n: k.baselineMeetings,
                        minutes: num(k.baselineMeanMinutes),
                      })}
                      {k.baselineSources.length ? ` (${k.baselineSources.join('; ')})` : ''}
                    </dd>
                    <dt>{t('meetings.report.reduction')}</dt>
                    <dd>
                      {pct(k.reductionPercent)}
                      {k.reductionLowPercent !== null && k.reductionHighPercent !== null
                        ? ` ${t('meetings.report.interval', {
                            low: pct(k.reductionLowPercent),
                            high: pct(k.reductionHighPercent),
                          })}`
                        : ''}
                    </dd>
                    <dt>{t('meetings.report.minutes_per_item')}</dt>
                    <dd>{num(k.minutesPerItem)}</dd>
                    <dt>{t('meetings.report.member_hours')}</dt>
                    <dd>{num(k.memberHours)}</dd>
                    <dt>{t('meetings.report.within_budget')}</dt>
                    <dd>{pct(k.itemsWithinBudgetPercent)}</dd>
                    <dt>{t('meetings.report.settled')}</dt>
                    <dd>{k.itemsSettledBeforehand}</dd>
                    <dt>{t('meetings.report.lead')}</dt>
                    <dd>{pct(k.leadCompliantPercent)}</dd>
                    <dt>{t('meetings.report.lag')}</dt>
                    <dd>{pct(k.conclusionCompliantPercent)}</dd>
                    <dt>{t('meetings.report.e_share')}</dt>
                    <dd>{pct(k.electronicSharePercent)}</dd>
                    <dt>{t('meetings.report.paper')}</dt>
                    <dd>
                      {t('meetings.report.paper_value', {
                        pages: num(k.paperPages),
                        baseline: num(k.baselinePaperPages),
                        avoided: num(k.pagesAvoided),
                      })}
                    </dd>
                    <dt>{t('meetings.report.tasks')}</dt>
                    <dd>{pct(k.tasksOnTimePercent)}</dd>
                  </dl>
                </section>
              ))}
            <section aria-labelledby="mtg-report-meetings">
              <h2 id="mtg-report-meetings">{t('meetings.report.per_meeting')}</h2>
              {r.meetings.length === 0 ? (
                <p>{t('meetings.report.none')}</p>
              ) : (
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t('meetings.report.col.date')}</th>
                      <th scope="col">{t('meetings.report.col.title')}</th>
                      <th scope="col">{t('meetings.report.col.minutes')}</th>
                      <th scope="col">{t('meetings.report.col.items')}</th>
                      <th scope="col">{t('meetings.report.col.paper')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.meetings.map((m) => (
                      <tr key={m.id}>
                        <td>{m.date.split('-').reverse().join('/')}</td>
                        <td>{m.title}</td>
                        <td>{num(m.netMinutes)}</td>
                        <td>
                          {t('meetings.report.items_value', {
                            discussed: m.itemsDiscussed,
                            within: m.itemsWithinBudget,
                            settled: m.itemsSettledBeforehand,
                          })}
                        </td>
                        <td>{num(m.paperPages)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          </>
        )}
      </QueryState>
      {draft.data ? (
        <section aria-labelledby="mtg-baseline">
          <h2 id="mtg-baseline">{t('meetings.report.import')}</h2>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              upload.mutate();
            }}
          >
            {upload.error ? <ApiErrorAlert error={upload.error} /> : null}
            {upload.data ? <p role="status">{t('meetings.report.imported', upload.data)}</p> : null}
            <TextField
              id="mtg-baseline-source"
              label={t('meetings.report.source')}
              hint={t('meetings.report.source_hint')}
              value={source}
              onChange={(e) => setSource(e.target.value)}
            />
            <TextAreaField
              id="mtg-baseline-csv"
              label={t('meetings.report.csv_text')}
              hint={t('meetings.report.csv_hint')}
              rows={6}
              value={csv}
              onChange={(e) => setCsv(e.target.value)}
            />
            <Button type="submit" variant="secondary" disabled={upload.isPending}>
              {t('meetings.report.import_button')}
            </Button>
          </form>
        </section>
      ) : null}
    </>
  );
}
