import { useTranslation } from 'react-i18next';
import type { Agency } from '../../../app/types.ts';
import { Badge } from '../../../ui/Badge.tsx';

export function AgencyDetails({ agency, parent }: { agency: Agency; parent: Agency | null }) {
  const { t } = useTranslation();
  return (
    <dl className="facts">
      <div>
        <dt>{t('agency.name')}</dt>
        <dd>
          <strong>{agency.name}</strong>
          {agency.nameEn ? (
            <span className="cell-sub" lang="en">
              {agency.nameEn}
            </span>
          ) : null}
        </dd>
      </div>
      <div>
        <dt>{t('agency.code')}</dt>
        <dd>
          <code>{agency.code}</code>
        </dd>
      </div>
      <div>
        <dt>{t('agency.kind')}</dt>
        <dd>{t(`agency.kind.${agency.kind}`)}</dd>
      </div>
      <div>
        <dt>{t('agency.unit')}</dt>
        <dd>{agency.unitName ?? agency.unitCode}</dd>
      </div>
      <div>
        <dt>{t('agency.parent')}</dt>
        <dd>{parent?.name ?? t('agencies.root')}</dd>
      </div>
      <div>
        <dt>{t('common.status')}</dt>
        <dd>
          {agency.active ? (
            <Badge tone="success">{t('agencies.active')}</Badge>
          ) : (
            <Badge tone="neutral">{t('agencies.inactive')}</Badge>
          )}
        </dd>
      </div>
    </dl>
  );
}
