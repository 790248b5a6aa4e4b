import { useTranslation } from 'react-i18next';

/** Explains the asterisk that marks required fields (WCAG 3.3.2). */
export function RequiredNote() {
  const { t } = useTranslation();
  return (
    <p className="required-note">
      <span className="required" aria-hidden="true">
        *
      </span>{' '}
      {t('form.required_note')}
    </p>
  );
}
