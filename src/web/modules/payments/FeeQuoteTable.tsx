import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../ui/format.ts';
import { RadioGroup } from '../../ui/ChoiceGroup.tsx';
import { Table } from '../../ui/Table.tsx';
import { type Quote, useFeeQuote } from './queries.ts';

type FeeLine = Quote['lines'][number];

export const money = (amount: number) => `${formatNumber(amount)}\u00a0đ`;

/** How a fee line's amount was worked out, in the reader's language. */
function basisText(t: TFunction, b: FeeLine['basis']): string {
  if (b.kind === 'fixed') return t('payments.basis.fixed');
  if (b.kind === 'per_unit')
    return t(b.free ? 'payments.basis.per_unit_free' : 'payments.basis.per_unit', {
      units: b.units,
      amount: money(b.unitAmount),
      free: b.free,
    });
  return t(b.max === null ? 'payments.basis.tiered' : 'payments.basis.tiered_max', {
    units: b.units,
    perSet: money(b.perSet),
    max: b.max === null ? '' : money(b.max),
    sets: b.sets,
  });
}

/** The fee lines that apply to a dossier's answers, how each is worked out, and the totals. */
export function FeeQuoteTable({ quote, caption }: { quote: Quote; caption: string }) {
  const { t } = useTranslation();
  if (quote.lines.length === 0) return <p className="muted">{t('payments.no_fees')}</p>;
  return (
    <>
      <Table
        caption={caption}
        stacked
        rows={quote.lines}
        rowKey={(l) => l.code}
        columns={[
          { key: 'name', header: t('payments.line'), rowHeader: true, cell: (l) => l.name },
          {
            key: 'basis',
            header: t('payments.basis'),
            cell: (l) => (
              <>
                {basisText(t, l.basis)}
                {l.exemption ? (
                  <span className="cell-sub">{t('payments.exempt', { reason: l.exemption })}</span>
                ) : null}
              </>
            ),
          },
          {
            key: 'when',
            header: t('payments.when'),
            cell: (l) => t(`payments.collect.${l.collect}`),
          },
          { key: 'amount', header: t('payments.amount'), align: 'end', cell: (l) => money(l.amount) },
        ]}
      />
      <dl className="facts">
        <div>
          <dt>{t('payments.total')}</dt>
          <dd>
            <strong>{money(quote.total)}</strong>
          </dd>
        </div>
        {quote.atSubmission > 0 ? (
          <div>
            <dt>{t('payments.at_submission')}</dt>
            <dd>{money(quote.atSubmission)}</dd>
          </div>
        ) : null}
      </dl>
    </>
  );
}

/** The fees for answers not yet submitted (the review step of the e-form), before the applicant sends. */
export function SubmissionFees({
  procedureCode,
  formData,
  taken,
}: {
  procedureCode: string;
  formData: Record<string, unknown>;
  /** counter intake: how the desk took the fees due now (the server refuses the intake without it) */
  taken?: { value: string; onChange: (value: string) => void; error?: string | undefined };
}) {
  const { t } = useTranslation();
  const quote = useFeeQuote(procedureCode, formData);
  if (!quote.data) return null;
  const due = quote.data.atSubmission;
  return (
    <section className="review-section" aria-label={t('payments.title')}>
      <div className="review-head">
        <h3>{t('payments.title')}</h3>
      </div>
      <FeeQuoteTable quote={quote.data} caption={t('payments.quote_caption')} />
      {due > 0 && taken ? (
        <RadioGroup
          id="fee-payment"
          legend={t('payments.counter_taken', { amount: money(due) })}
          hint={t('payments.counter_taken_hint')}
          required
          value={taken.value}
          onChange={taken.onChange}
          error={taken.error}
          options={(['cash', 'bank_transfer'] as const).map((m) => ({
            value: m,
            label: t(`payments.method.${m}`),
          }))}
        />
      ) : due > 0 ? (
        <p>{t('payments.pay_after_submit')}</p>
      ) : null}
    </section>
  );
}
