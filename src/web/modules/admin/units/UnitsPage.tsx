import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.ts';
import { useAuth } from '../../../app/auth.tsx';
import { unitName, useProvince } from '../../../app/shell/useProvince.ts';
import type { Items, Unit } from '../../../app/types.ts';
import { ApiErrorAlert } from '../../../ui/ApiErrorAlert.tsx';
import { Checkbox } from '../../../ui/Field.tsx';
import { todayInVietnam } from '../../../ui/format.ts';
import { Loading } from '../../../ui/Loading.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { Section } from '../../../ui/Section.tsx';
import { keys } from '../queries.ts';
import { FORMER_BINH_DUONG, type UnitFeatureCollection } from './geo.ts';
import { MapLegend } from './MapLegend.tsx';
import { UnitMap } from './UnitMap.tsx';
import { UnitTree } from './UnitTree.tsx';
import { compareVietnamese } from '../../../../contracts/collation.ts';
import { DateField } from '../../../ui/DateField.tsx';

/** Administrative units with validity dates: the province, its communes, and their map. */
export function UnitsPage() {
  const { t } = useTranslation();
  const { session } = useAuth();
  const parent = session?.provinceCode ?? '79';
  const province = useProvince();
  const [formerOnly, setFormerOnly] = useState(false);
  const [on, setOn] = useState(todayInVietnam());
  const [selected, setSelected] = useState<string | null>(null);
  const validDate = /^\d{4}-\d{2}-\d{2}$/.test(on) ? on : undefined;

  const units = useQuery({
    queryKey: [...keys.units, 'list', parent, formerOnly, validDate],
    queryFn: () =>
      api.get<Items<Unit>>('/api/units', {
        parent,
        tag: formerOnly ? FORMER_BINH_DUONG : undefined,
        on: validDate,
      }),
    placeholderData: keepPreviousData,
  });
  const geo = useQuery({
    queryKey: [...keys.units, 'geo', parent],
    queryFn: () => api.get<UnitFeatureCollection>('/api/units/geo', { parent }),
    staleTime: 60 * 60_000,
  });
  const communes = useMemo(
    () =>
      (units.data?.items ?? [])
        .filter((u) => u.level !== 'province')
        .sort((a, b) => compareVietnamese(a.name, b.name)),
    [units.data],
  );
  const shown = useMemo(() => new Set(communes.map((u) => u.code)), [communes]);
  const place = province ? unitName(province) : parent;

  return (
    <>
      <PageHeader title={t('units.title')} lead={t('units.lead')} />
      <search>
        <form className="filter-bar" aria-label={t('units.filter')} onSubmit={(e) => e.preventDefault()}>
          <DateField
            id="units-on"
            fieldClassName="field-date"
            label={t('units.valid_on')}
            value={on}
            onValue={(value) => setOn(value)}
          />
          <div className="filter-check">
            <Checkbox
              id="units-former"
              label={t('units.former_binh_duong')}
              checked={formerOnly}
              onChange={(e) => setFormerOnly(e.target.checked)}
            />
          </div>
        </form>
      </search>
      <div className="split split-even">
        <Section title={t('units.map_title', { place })} className="map-section">
          {geo.isPending ? <Loading /> : null}
          {geo.isError ? <ApiErrorAlert error={geo.error} /> : null}
          {geo.data ? (
            <>
              <UnitMap
                geo={geo.data}
                shown={shown}
                formerOnly={formerOnly}
                label={t('units.map_label', { place, count: geo.data.features.length })}
                onSelect={setSelected}
              />
              <MapLegend formerOnly={formerOnly} />
            </>
          ) : null}
        </Section>
        <Section title={t('units.tree_title')}>
          {units.isPending ? <Loading /> : null}
          {units.isError ? <ApiErrorAlert error={units.error} /> : null}
          {units.data ? (
            <UnitTree province={province} communes={communes} selected={selected} formerOnly={formerOnly} />
          ) : null}
        </Section>
      </div>
    </>
  );
}
