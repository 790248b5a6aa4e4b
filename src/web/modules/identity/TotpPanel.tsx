import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TotpCodeBody } from '../../../contracts/identity.ts';
import { api } from '../../app/api.ts';
import { SESSION_KEY } from '../../app/auth.tsx';
import type { TotpSetup } from '../../app/types.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextField } from '../../ui/Field.tsx';
import { useFormErrors } from '../../ui/form.ts';
import { Section } from '../../ui/Section.tsx';
import { RequiredNote } from '../../ui/RequiredNote.tsx';

/** Second factor for administrators: set up with a QR code, enable or disable with a code. */
export function TotpPanel({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useFormErrors();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setNotice(null);
    try {
      await action();
    } catch (err) {
      form.fail(err);
    } finally {
      setBusy(false);
    }
  }

  const startSetup = () =>
    run(async () => {
      form.clear();
      setSetup(await api.post<TotpSetup>('/api/account/totp/setup'));
    });

  async function submitCode(e: FormEvent) {
    e.preventDefault();
    const body = form.check(TotpCodeBody, { code: code.trim() });
    if (!body) return;
    await run(async () => {
      await api.post(enabled ? '/api/account/totp/disable' : '/api/account/totp/enable', body);
      setNotice(enabled ? t('totp.disabled') : t('totp.enabled'));
      setSetup(null);
      setCode('');
      await client.invalidateQueries({ queryKey: SESSION_KEY });
    });
  }

  const codeForm = (submitLabel: string) => (
    <form onSubmit={submitCode} noValidate className="form">
      <RequiredNote />
      <TextField
        id="totp-code"
        label={t('totp.code')}
        hint={t('login.totp_hint')}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        className="input-code"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        error={form.fields.code}
        required
      />
      <div className="button-row">
        <Button type="submit" variant={enabled ? 'danger' : 'primary'} busy={busy}>
          {submitLabel}
        </Button>
        {setup ? (
          <Button variant="quiet" onClick={() => setSetup(null)}>
            {t('common.cancel')}
          </Button>
        ) : null}
      </div>
    </form>
  );

  return (
    <Section
      title={t('totp.title')}
      actions={
        enabled ? <Badge tone="success">{t('totp.on')}</Badge> : <Badge tone="warning">{t('totp.off')}</Badge>
      }
    >
      <p className="muted">{t('totp.lead')}</p>
      {notice ? (
        <Alert kind="success" live>
          {notice}
        </Alert>
      ) : null}
      <ErrorSummary form={form} fieldIds={{ code: 'totp-code' }} labels={{ code: t('totp.code') }} />
      {enabled ? (
        <>
          <p>{t('totp.disable_lead')}</p>
          {codeForm(t('totp.disable'))}
        </>
      ) : setup ? (
        <div className="totp-setup">
          <ol className="steps">
            <li>{t('totp.step_scan')}</li>
            <li>{t('totp.step_code')}</li>
          </ol>
          <img
            className="totp-qr"
            src={`data:image/svg+xml;utf8,${encodeURIComponent(setup.qrSvg)}`}
            alt={t('totp.qr_alt')}
            width={200}
            height={200}
          />
          <p>
            {t('totp.secret')} <code className="secret">{setup.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
          </p>
          {codeForm(t('totp.enable'))}
        </div>
      ) : (
        <Button onClick={() => void startSetup()} busy={busy}>
          {t('totp.setup')}
        </Button>
      )}
    </Section>
  );
}
