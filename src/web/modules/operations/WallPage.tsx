import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../app/api.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import type { IndicatorTile, Station, WallData } from './types.ts';

const time = (iso: string | null, lang: string) =>
  iso
    ? new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'vi-VN', {
        timeZone: 'Asia/Ho_Chi_Minh',
        hour: '2-digit',
        minute: '2-digit',
        day: '2-digit',
        month: '2-digit',
      })
    : '—';

function Tile({ tile, lang }: { tile: IndicatorTile; lang: string }) {
  const { t } = useTranslation();
  return (
    <li className={`ops-tile${tile.stale ? ' ops-stale' : ''}${tile.behindTarget ? ' ops-behind' : ''}`}>
      <span className="ops-tile-name">{lang === 'en' ? tile.nameEn : tile.name}</span>
      <span className="ops-tile-value">
        {tile.value === null
          ? t('ops.no_data')
          : `${tile.value.toLocaleString(lang === 'en' ? 'en-GB' : 'vi-VN')} ${tile.unit}`}
      </span>
      <span className="ops-tile-asof">
        {t('ops.as_of', { time: time(tile.asOf, lang) })}
        {tile.stale ? ` · ${t('ops.stale')}` : ''}
      </span>
    </li>
  );
}

/** Which view the kiosk shows now: each stays `seconds` on the wall, in the administrator's order. */
function useRotation(count: number, seconds: number, on: boolean): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!on || seconds <= 0 || count <= 1) return;
    const timer = setInterval(() => setTick((n) => n + 1), seconds * 1000);
    return () => clearInterval(timer);
  }, [on, seconds, count]);
  return count > 0 ? tick % count : 0;
}

/**
 * The video wall: indicator tiles greying when stale, stations, the data network, and the ticker of
 * unacknowledged alerts. The role's dashboard chooses the tiles and views; `?kiosk=1` rotates the views.
 */
export function WallPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [params] = useSearchParams();
  const kiosk = params.get('kiosk') === '1';
  const wall = useQuery({
    queryKey: ['operations', 'wall'],
    queryFn: () => api.get<WallData>('/api/operations/wall'),
    refetchInterval: 30_000,
  });
  const views = wall.data?.dashboard.views ?? [];
  const rotating = kiosk && (wall.data?.dashboard.rotateSeconds ?? 0) > 0 && views.length > 1;
  const current = useRotation(views.length, wall.data?.dashboard.rotateSeconds ?? 0, rotating);
  const shows = (view: string) => views.includes(view as never) && (!rotating || views[current] === view);
  return (
    <div className="ops-wall">
      <PageHeader title={t('ops.wall_title')} lead={t('ops.wall_lead')} />
      <QueryState query={wall}>
        {(data) => (
          <>
            <section aria-labelledby="ops-ticker-h" className="ops-ticker">
              <h2 id="ops-ticker-h">{t('ops.ticker')}</h2>
              {data.ticker.length === 0 ? (
                <p>{t('ops.ticker_empty')}</p>
              ) : (
                <ul aria-live="polite" data-testid="ops-ticker">
                  {data.ticker.map((a) => (
                    <li key={a.id} className={`ops-alert ops-sev-${a.severity}`}>
                      <strong>{t(`ops.severity.${a.severity}`)}</strong>{' '}
                      {lang === 'en' ? a.ruleNameEn : a.ruleName} — {a.sourceLabel}
                      {a.value !== null ? ` (${a.value})` : ''} · {time(a.raisedAt, lang)}
                    </li>
                  ))}
                </ul>
              )}
            </section>
            {rotating ? (
              <p className="small" aria-live="polite">
                {t('ops.dash.showing', {
                  n: current + 1,
                  total: views.length,
                  view: t(`ops.dash.view.${views[current]}`),
                })}
              </p>
            ) : null}
            {shows('indicators') ? (
              <section aria-labelledby="ops-tiles-h">
                <h2 id="ops-tiles-h">{t('ops.indicators')}</h2>
                <ul className="ops-tiles">
                  {data.indicators.map((tile) => (
                    <Tile key={tile.code} tile={tile} lang={lang} />
                  ))}
                </ul>
              </section>
            ) : null}
            {shows('stations') ? (
              <StationTable
                id="ops-stations-h"
                title={t('ops.stations')}
                rows={data.stations.filter((s) => s.kind !== 'network_point')}
                lang={lang}
              />
            ) : null}
            {shows('network') ? (
              <StationTable
                id="ops-network-h"
                title={t('ops.network.points')}
                rows={data.stations.filter((s) => s.kind === 'network_point')}
                lang={lang}
              />
            ) : null}
          </>
        )}
      </QueryState>
    </div>
  );
}

function StationTable({
  id,
  title,
  rows,
  lang,
}: {
  id: string;
  title: string;
  rows: Station[];
  lang: string;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <table className="table">
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ops.station')}</th>
            <th scope="col">{t('ops.status')}</th>
            <th scope="col">{t('ops.reading')}</th>
            <th scope="col">{t('ops.last_time')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.id} className={s.stale ? 'ops-stale' : undefined}>
              <th scope="row">{s.name}</th>
              <td>{t(`ops.sensor_status.${s.status}`)}</td>
              <td>
                {s.aqi
                  ? `VN_AQI ${s.aqi.value} (${t(`ops.aqi_band.${s.aqi.band}`)})`
                  : s.floodLevel !== null
                    ? t('ops.flood_level', { level: s.floodLevel })
                    : s.values.map((v) => `${v.observedProperty}: ${v.value ?? '—'} ${v.unit}`).join('; ')}
              </td>
              <td>
                {time(s.lastTime, lang)}
                {s.stale ? ` · ${t('ops.stale')}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
