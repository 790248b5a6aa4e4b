import { useTranslation } from 'react-i18next';
import { Button } from './Button.tsx';

interface PagerProps {
  offset: number;
  limit: number;
  total: number;
  onChange: (offset: number) => void;
}

/** Previous / next paging over an offset-limited list. */
export function Pager({ offset, limit, total, onChange }: PagerProps) {
  const { t } = useTranslation();
  if (total <= limit) return null;
  const from = offset + 1;
  const to = Math.min(offset + limit, total);
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      <Button
        variant="secondary"
        small
        disabled={offset === 0}
        onClick={() => onChange(Math.max(0, offset - limit))}
      >
        {t('pager.previous')}
      </Button>
      <span>{t('pager.range', { from, to, total })}</span>
      <Button variant="secondary" small disabled={to >= total} onClick={() => onChange(offset + limit)}>
        {t('pager.next')}
      </Button>
    </nav>
  );
}
