import { useTranslation } from 'react-i18next';
import { MAP_COLOURS } from './UnitMap.tsx';

export function MapLegend({ formerOnly }: { formerOnly: boolean }) {
  const { t } = useTranslation();
  const items = formerOnly
    ? [
        { colour: MAP_COLOURS.highlight, label: t('units.legend.former_selected') },
        { colour: MAP_COLOURS.dimmed, label: t('units.legend.other') },
      ]
    : [
        { colour: MAP_COLOURS.former, label: t('units.legend.former') },
        { colour: MAP_COLOURS.base, label: t('units.legend.rest') },
      ];
  return (
    <div className="map-notes">
      <ul className="legend" aria-label={t('units.legend')}>
        {items.map((i) => (
          <li key={i.label}>
            <span className="swatch" style={{ background: i.colour }} aria-hidden="true" />
            {i.label}
          </li>
        ))}
      </ul>
      <p className="small muted">{t('units.map_alternative')}</p>
    </div>
  );
}
