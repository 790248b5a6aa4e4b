import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unitName } from '../../../app/shell/useProvince.ts';
import type { Unit } from '../../../app/types.ts';
import { Badge } from '../../../ui/Badge.tsx';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { formatDate, formatNumber } from '../../../ui/format.ts';
import { Table } from '../../../ui/Table.tsx';
import { FORMER_BINH_DUONG } from './geo.ts';

interface Props {
  province: Unit | null;
  communes: Unit[];
  /** a commune picked on the map */
  selected: string | null;
  formerOnly: boolean;
}

/** The province and, under it, its communes with validity dates: the text alternative to the map. */
export function UnitTree({ province, communes, selected, formerOnly }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(true);

  useEffect(() => {
    if (!selected) return;
    setOpen(true);
    document.getElementById(`unit-${selected}`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [selected]);

  const validity = (u: Unit) =>
    u.validTo
      ? t('units.valid_range', { from: formatDate(u.validFrom), to: formatDate(u.validTo) })
      : t('units.valid_from', { from: formatDate(u.validFrom) });

  return (
    <ul className="tree unit-tree" aria-label={t('units.tree_title')}>
      <li>
        <div className="tree-row">
          <button
            type="button"
            className="tree-toggle"
            aria-expanded={open}
            aria-controls="unit-communes"
            aria-label={t(open ? 'tree.collapse' : 'tree.expand', {
              name: province ? unitName(province) : '',
            })}
            onClick={() => setOpen((v) => !v)}
          >
            <span aria-hidden="true">{open ? '▾' : '▸'}</span>
          </button>
          <span className="tree-label-static">
            <span className="tree-name">{province ? unitName(province) : t('units.province')}</span>
            <span className="tree-meta">
              {province ? <code>{province.code}</code> : null}
              {province ? <span>{validity(province)}</span> : null}
              <span>{t(formerOnly ? 'units.count_former' : 'units.count', { count: communes.length })}</span>
            </span>
          </span>
        </div>
        <div id="unit-communes" hidden={!open}>
          {communes.length === 0 ? (
            <EmptyState title={t('units.none')} />
          ) : (
            <Table
              caption={t('units.communes_caption', { count: communes.length })}
              captionHidden
              rows={communes}
              rowKey={(u) => u.code}
              rowClassName={(u) => (u.code === selected ? 'row-selected' : undefined)}
              columns={[
                {
                  key: 'name',
                  header: t('units.name'),
                  rowHeader: true,
                  cell: (u) => (
                    <span id={`unit-${u.code}`}>
                      {unitName(u)}
                      {u.tags.includes(FORMER_BINH_DUONG) ? (
                        <>
                          {' '}
                          <Badge tone="info">{t('units.tag.binh-duong-cu')}</Badge>
                        </>
                      ) : null}
                    </span>
                  ),
                },
                { key: 'code', header: t('units.code'), cell: (u) => <code>{u.code}</code> },
                {
                  key: 'area',
                  header: t('units.area'),
                  align: 'end',
                  cell: (u) => (u.areaKm2 === null ? '' : formatNumber(u.areaKm2, 2)),
                },
                { key: 'valid', header: t('units.validity'), cell: validity, className: 'nowrap' },
              ]}
            />
          )}
        </div>
      </li>
    </ul>
  );
}
