import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert.tsx';
import { Loading } from '../../ui/Loading.tsx';
import type { UnitFeatureCollection } from '../admin/units/geo.ts';
import { useInView } from '../../ui/useInView.ts';

// The map and its chart library load when the reader scrolls to it (issue 11, item 21).
const UnitMap = lazy(() => import('../admin/units/UnitMap.tsx').then((m) => ({ default: m.UnitMap })));
import { percent, type RankingData } from './types.ts';

// Shades from low to high on-time rate; units without enough dossiers to judge are hatched grey.
const BINS = [
  { min: 0.95, colour: '#1a7f37', key: 'from95' },
  { min: 0.85, colour: '#7bbf6a', key: 'from85' },
  { min: 0.7, colour: '#f2c14e', key: 'from70' },
  { min: 0, colour: '#d1495b', key: 'below70' },
] as const;
const NO_DATA = '#d8dde3';

/** The communes shaded by their on-time rate (the bundled boundaries, drawn by the admin units map). */
export function CommuneMap({ ranking }: { ranking: RankingData }) {
  const { t } = useTranslation();
  const { session } = useAuth();
  const parent = session?.provinceCode;
  const box = useRef<HTMLDivElement>(null);
  const inView = useInView(box);
  const geo = useQuery({
    queryKey: ['identity', 'units', 'geo', parent],
    queryFn: () => api.get<UnitFeatureCollection>('/api/units/geo', { parent }),
    enabled: !!parent && inView,
    staleTime: 60 * 60_000,
  });
  const byUnit = useMemo(() => new Map(ranking.items.map((r) => [r.unitCode, r])), [ranking]);
  const fill = useMemo(() => {
    const m = new Map<string, string>();
    for (const r of ranking.items) {
      const bin = r.progress === null || !r.ranked ? null : BINS.find((b) => (r.progress ?? 0) >= b.min);
      m.set(r.unitCode, bin ? bin.colour : NO_DATA);
    }
    return m;
  }, [ranking]);
  const shown = useMemo(() => new Set(byUnit.keys()), [byUnit]);
  // The map's place is kept until it is reached and while it loads: nothing below it moves.
  if (!inView) return <div ref={box} className="stats-map-pending" />;
  if (geo.isPending)
    return (
      <div className="stats-map-pending">
        <Loading />
      </div>
    );
  if (geo.isError) return <ApiErrorAlert error={geo.error} />;
  return (
    <div className="stats-map">
      <Suspense
        fallback={
          <div className="stats-map-pending">
            <Loading />
          </div>
        }
      >
        <UnitMap
          geo={geo.data}
          shown={shown}
          formerOnly={false}
          fill={fill}
          label={t('stats.map_label')}
          detail={(code) => {
            const r = byUnit.get(code);
            return r ? `${t('stats.indicator.progress')}: ${percent(r.progress)} (${r.volume})` : null;
          }}
        />
      </Suspense>
      <ul className="legend" aria-label={t('stats.map_legend')}>
        {BINS.map((b) => (
          <li key={b.key}>
            <span className="swatch" style={{ background: b.colour }} aria-hidden="true" />
            {t(`stats.bin.${b.key}`)}
          </li>
        ))}
        <li>
          <span className="swatch" style={{ background: NO_DATA }} aria-hidden="true" />
          {t('stats.bin.not_ranked', { min: ranking.minVolume })}
        </li>
      </ul>
      <p className="small muted">{t('stats.map_alternative')}</p>
    </div>
  );
}
