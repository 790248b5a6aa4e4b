import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../ui/format.ts';

/** The components of the score the platform cannot measure yet, named one by one, with their points. */
export function NotMeasured({
  components,
}: {
  components: { key: string; measured: boolean; maxPoints: number }[];
}) {
  const { t } = useTranslation();
  const missing = components.filter((c) => !c.measured);
  if (missing.length === 0) return <p className="small muted">{t('stats.all_measured')}</p>;
  const points = missing.reduce((sum, c) => sum + c.maxPoints, 0);
  return (
    <div className="not-measured">
      <p className="small">
        <strong>
          {t('stats.not_measured_title', { count: missing.length, points: formatNumber(points, 2) })}
        </strong>
      </p>
      <ul className="small">
        {missing.map((c) => (
          <li key={c.key}>
            {t(`stats.component.${c.key}`)} ({t('stats.points_n', { n: formatNumber(c.maxPoints, 2) })})
          </li>
        ))}
      </ul>
    </div>
  );
}
