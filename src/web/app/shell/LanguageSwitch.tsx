import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { SESSION_KEY, useAuth } from '../auth.tsx';
import { currentLanguage, type Lang, LANGS, setLanguage } from '../i18n.ts';
import type { Session } from '../types.ts';

const NAMES: Record<Lang, string> = { vi: 'Tiếng Việt', en: 'English' };

/** Two buttons, each named in its own language; the choice is remembered and sent to the account. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const client = useQueryClient();
  const active = currentLanguage();

  async function choose(lang: Lang) {
    // Even the language already shown is remembered as this device's choice.
    await setLanguage(lang);
    if (user && user.locale !== lang) {
      const updated = await api.patch<Session>('/api/account', { locale: lang }).catch(() => null);
      if (updated) client.setQueryData(SESSION_KEY, updated);
    }
    // Names of roles and other data come back from the server in the chosen language.
    if (lang !== active)
      void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
  }

  return (
    <fieldset className="lang-switch">
      <legend className="visually-hidden">{t('lang.legend')}</legend>
      {LANGS.map((lang) => (
        <button
          key={lang}
          type="button"
          lang={lang}
          className="lang-option"
          aria-pressed={lang === active}
          onClick={() => void choose(lang)}
        >
          <span className="lang-long">{NAMES[lang]}</span>
          <span className="lang-short" aria-hidden="true">
            {lang.toUpperCase()}
          </span>
        </button>
      ))}
    </fieldset>
  );
}
