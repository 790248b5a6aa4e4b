import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAuth } from '../../app/auth.tsx';
import { paths } from '../../app/paths.ts';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert.tsx';
import { Button } from '../../ui/Button.tsx';
import { Section } from '../../ui/Section.tsx';

export function SessionsPanel() {
  const { t } = useTranslation();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function everywhere() {
    setBusy(true);
    setError(null);
    try {
      await signOut(true, () => navigate(paths.home));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <Section title={t('account.sessions')}>
      <p className="muted">{t('account.sessions_lead')}</p>
      {error ? <ApiErrorAlert error={error} /> : null}
      <Button variant="secondary" busy={busy} onClick={() => void everywhere()}>
        {t('nav.logout_all')}
      </Button>
    </Section>
  );
}
