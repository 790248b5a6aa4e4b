import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../app/api.ts';
import { Alert } from '../../ui/Alert.tsx';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert.tsx';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { Section } from '../../ui/Section.tsx';
import type { Dossier } from '../services/types.ts';
import type { DossierActions } from '../services/dossiers/queries.ts';
import { FeeQuoteTable, money } from './FeeQuoteTable.tsx';
import {
  type PaymentRequest,
  type Payments,
  receiptHref,
  useDossierPayments,
  useInvalidatePayments,
} from './queries.ts';

const STATUS_TONE = { pending: 'warning', paid: 'success', cancelled: 'neutral' } as const;

/**
 * Fees of a dossier: what is due and why, the payment requests with their state and receipts, paying
 * online (the applicant, through the gateway's own page) and recording a counter payment (the desk).
 */
export function PaymentsPanel({
  dossier,
  official,
  runner,
}: {
  dossier: Dossier;
  official: boolean;
  runner: DossierActions;
}) {
  const { t } = useTranslation();
  const query = useDossierPayments(dossier.id, dossier.revision);
  const data = query.data;
  if (!data) return null;
  const mayAskPayment = official && dossier.status === 4 && dossier.actions.some((a) => a.kind === 'step');
  if (data.quote.lines.length === 0 && data.requests.length === 0 && !mayAskPayment) return null;
  const pending = data.requests.filter((r) => r.status === 'pending');
  return (
    <Section title={t('payments.title')} anchor="thanh-toan">
      {data.sandbox ? (
        <Alert kind="warning" title={t('payments.sandbox_title')}>
          <p>{t('payments.sandbox_text')}</p>
        </Alert>
      ) : null}
      <ReturnFromGateway dossierId={dossier.id} requests={data.requests} />
      <FeeQuoteTable quote={data.quote} caption={t('payments.quote_caption')} />
      {data.requests.length ? <Requests data={data} /> : null}
      {data.mayPayOnline
        ? pending.map((r) => <PayOnline key={r.id} request={r} several={pending.length > 1} />)
        : null}
      {!official && data.requests.some((r) => r.status === 'pending') && !data.onlineAvailable ? (
        <p>{t('payments.pay_at_counter')}</p>
      ) : null}
      {data.mayRecordCounter
        ? pending.map((r) => <CounterPayment key={r.id} dossierId={dossier.id} request={r} />)
        : null}
      {mayAskPayment ? <AskPayment runner={runner} suggested={data.quote.onRequest} /> : null}
    </Section>
  );
}

function Requests({ data }: { data: Payments }) {
  const { t } = useTranslation();
  return (
    <ul className="payment-requests">
      {data.requests.map((r) => (
        <li key={r.id} className="payment-request">
          <p>
            <strong>{t(`payments.purpose.${r.purpose}`)}</strong>{' '}
            <Badge tone={STATUS_TONE[r.status]}>{t(`payments.status.${r.status}`)}</Badge>
          </p>
          <dl className="facts">
            <div>
              <dt>{t('payments.reference')}</dt>
              <dd>
                <code>{r.reference}</code>
              </dd>
            </div>
            <div>
              <dt>{t('payments.amount')}</dt>
              <dd>{money(r.amount)}</dd>
            </div>
            <div>
              <dt>{t('payments.description')}</dt>
              <dd>{r.description}</dd>
            </div>
            {r.payment ? (
              <div>
                <dt>{t('payments.paid')}</dt>
                <dd>
                  {formatDateTime(r.payment.paidAt)} · {t(`payments.channel.${r.payment.channel}`)} ·{' '}
                  {t(`payments.method.${r.payment.method}`)}
                </dd>
              </div>
            ) : null}
          </dl>
          {r.payment ? (
            <p>
              <a href={receiptHref(r.payment.id)} download>
                {t('payments.receipt', { number: r.payment.receiptNo })}
              </a>
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function PayOnline({ request, several }: { request: PaymentRequest; several: boolean }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const { payUrl } = await api.post<{ payUrl: string }>(
        `/api/payments/requests/${request.id}/pay-online`,
        {},
      );
      // The gateway's own page takes the payment; it sends the payer back to this dossier.
      window.location.assign(payUrl);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <div className="stack">
      {error ? <ApiErrorAlert error={error} /> : null}
      <p>{t('payments.pay_online_hint', { amount: money(request.amount) })}</p>
      <Button onClick={start} busy={busy}>
        {t('payments.pay_online')}
        {several ? <span className="visually-hidden"> {request.reference}</span> : null}
      </Button>
    </div>
  );
}

/** Back from the gateway (?thanh-toan=<reference>): ask it once, then say what it answered. */
function ReturnFromGateway({ dossierId, requests }: { dossierId: string; requests: PaymentRequest[] }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const reference = params.get('thanh-toan');
  const invalidate = useInvalidatePayments();
  const [result, setResult] = useState<PaymentRequest | null>(null);
  const [error, setError] = useState<unknown>(null);
  const asked = useRef(false);
  const request = requests.find((r) => r.reference === reference);
  useEffect(() => {
    if (!request || asked.current) return;
    asked.current = true;
    api
      .post<PaymentRequest>(`/api/payments/requests/${request.id}/refresh`, {})
      .then((r) => {
        setResult(r);
        void invalidate(dossierId);
      })
      .catch(setError)
      .finally(() => {
        const next = new URLSearchParams(params);
        next.delete('thanh-toan');
        setParams(next, { replace: true });
      });
  }, [request, dossierId, invalidate, params, setParams]);
  if (error) return <ApiErrorAlert error={error} />;
  if (!result) return null;
  return result.status === 'paid' ? (
    <Alert kind="success" live title={t('payments.paid_title')}>
      <p>{t('payments.paid_text', { amount: money(result.amount), reference: result.reference })}</p>
    </Alert>
  ) : (
    <Alert kind="info" live>
      <p>{t('payments.not_paid_text')}</p>
    </Alert>
  );
}

function CounterPayment({ dossierId, request }: { dossierId: string; request: PaymentRequest }) {
  const { t } = useTranslation();
  const invalidate = useInvalidatePayments();
  const [method, setMethod] = useState<'cash' | 'bank_transfer'>('cash');
  const [amount, setAmount] = useState(String(request.amount));
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/payments/requests/${request.id}/counter`, {
        method,
        amount: Number(amount),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setDone(true);
      await invalidate(dossierId);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  if (done)
    return (
      <Alert kind="success" live>
        <p>{t('payments.counter_done')}</p>
      </Alert>
    );
  return (
    <form
      className="stack"
      onSubmit={submit}
      aria-label={`${t('payments.counter_title')} ${request.reference}`}
    >
      <h3>
        {t('payments.counter_title')} <code>{request.reference}</code>
      </h3>
      {error ? <ApiErrorAlert error={error} /> : null}
      <SelectField
        id={`payment-method-${request.reference}`}
        label={t('payments.method_label')}
        value={method}
        onChange={(e) => setMethod(e.target.value as 'cash' | 'bank_transfer')}
      >
        <option value="cash">{t('payments.method.cash')}</option>
        <option value="bank_transfer">{t('payments.method.bank_transfer')}</option>
      </SelectField>
      <TextField
        id={`payment-amount-${request.reference}`}
        label={t('payments.amount_received')}
        hint={t('payments.amount_received_hint', { amount: money(request.amount) })}
        inputMode="numeric"
        required
        value={amount}
        onChange={(e) => setAmount(e.target.value.replace(/\D/g, ''))}
      />
      <TextField
        id={`payment-note-${request.reference}`}
        label={t('payments.note')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <div className="button-row">
        <Button type="submit" busy={busy}>
          {t('payments.counter_submit')}
        </Button>
      </div>
    </form>
  );
}

/** Financial obligation (status 6): the amount (the catalogue's suggestion) and what it is for. */
function AskPayment({ runner, suggested }: { runner: DossierActions; suggested: number }) {
  const { t } = useTranslation();
  const [amount, setAmount] = useState(suggested > 0 ? String(suggested) : '');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await runner.run('request-payment', { amount: Number(amount), description: description.trim() });
      runner.setDone(t('payments.asked_done'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="stack" onSubmit={submit} aria-label={t('payments.ask_title')}>
      <h3>{t('payments.ask_title')}</h3>
      {error ? <ApiErrorAlert error={error} /> : null}
      <TextField
        id="obligation-amount"
        label={t('payments.ask_amount')}
        inputMode="numeric"
        required
        value={amount}
        onChange={(e) => setAmount(e.target.value.replace(/\D/g, ''))}
      />
      <TextField
        id="obligation-description"
        label={t('payments.ask_description')}
        required
        minLength={3}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
      />
      <div className="button-row">
        <Button type="submit" variant="secondary" busy={busy}>
          {t('payments.ask_submit')}
        </Button>
      </div>
    </form>
  );
}
