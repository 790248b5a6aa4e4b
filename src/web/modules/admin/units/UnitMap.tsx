import { MapChart } from 'echarts/charts';
import { GraphicComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../app/i18n.ts';
import { FORMER_BINH_DUONG, splitInsets, type UnitFeatureCollection } from './geo.ts';

echarts.use([MapChart, TooltipComponent, GraphicComponent, SVGRenderer]);

type GeoJsonArg = Parameters<typeof echarts.registerMap>[1];

// Fill colours of the communes; borders are white so neighbours stay distinct.
export const MAP_COLOURS = {
  base: '#c9d7e8',
  former: '#5b8fd0',
  dimmed: '#eceff3',
  highlight: '#0b3a75',
  border: '#ffffff',
  emphasis: '#f6c343',
};

interface Props {
  geo: UnitFeatureCollection;
  /** codes of the units listed beside the map (after filters); the others are dimmed */
  shown: ReadonlySet<string>;
  /** whether the "former Bình Dương" filter is on (those units are then drawn strongly) */
  formerOnly: boolean;
  label: string;
  onSelect?: (code: string) => void;
  /** a choropleth: the fill of each unit by code (units without one are dimmed) */
  fill?: ReadonlyMap<string, string>;
  /** a line added to a unit's tooltip (the shaded indicator's value) */
  detail?: (code: string) => string | null;
}

/** Communes drawn from the served boundaries with ECharts' map series (SVG, no tiles); Côn Đảo as an inset. */
export function UnitMap(props: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const latest = useRef({ props, t });
  latest.current = { props, t };

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'svg' });
    chartRef.current = chart;
    chart.on('click', (params) => {
      if (typeof params.name === 'string') latest.current.props.onSelect?.(params.name);
    });
    const observer = new ResizeObserver(() => {
      chart.resize();
      draw(chart, latest.current.props, latest.current.t);
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    if (chartRef.current) draw(chartRef.current, props, t);
  }, [props, t]);

  return <div ref={ref} className="unit-map" role="img" aria-label={props.label} />;
}

function draw(
  chart: echarts.ECharts,
  { geo, shown, formerOnly, fill, detail }: Props,
  t: (key: string) => string,
) {
  const { mainland, insets } = splitInsets(geo);
  echarts.registerMap('cqs-mainland', mainland as GeoJsonArg);
  echarts.registerMap('cqs-inset', insets as GeoJsonArg);
  const byCode = new Map(geo.features.map((f) => [f.properties.code, f.properties]));
  const data = (fc: UnitFeatureCollection) =>
    fc.features.map((f) => {
      const former = f.properties.tags.includes(FORMER_BINH_DUONG);
      const colour = fill
        ? (fill.get(f.properties.code) ?? MAP_COLOURS.dimmed)
        : !shown.has(f.properties.code)
          ? MAP_COLOURS.dimmed
          : formerOnly
            ? MAP_COLOURS.highlight
            : former
              ? MAP_COLOURS.former
              : MAP_COLOURS.base;
      return { name: f.properties.code, itemStyle: { areaColor: colour } };
    });
  const en = currentLanguage() === 'en';
  const common = {
    type: 'map' as const,
    nameProperty: 'code',
    roam: false,
    selectedMode: false as const,
    label: { show: false },
    itemStyle: { borderColor: MAP_COLOURS.border, borderWidth: 0.6 },
    emphasis: { label: { show: false }, itemStyle: { areaColor: MAP_COLOURS.emphasis } },
  };
  // The inset sits in the lower right corner, in a framed box with its own scale.
  const width = chart.getWidth();
  const height = chart.getHeight();
  const box = { w: Math.round(Math.max(110, width * 0.2)), h: Math.round(Math.max(110, height * 0.24)) };
  const hasInset = insets.features.length > 0;
  chart.setOption(
    {
      animation: false,
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string }) => {
          const unit = byCode.get(p.name);
          if (!unit) return escapeHtml(p.name);
          const name = en && unit.nameEn ? unit.nameEn : unit.fullName;
          const extra = detail?.(unit.code);
          return `${escapeHtml(name)}<br/>${escapeHtml(t('units.code'))}: ${escapeHtml(unit.code)}${extra ? `<br/>${escapeHtml(extra)}` : ''}`;
        },
      },
      series: [
        {
          ...common,
          map: 'cqs-mainland',
          left: 8,
          top: 8,
          right: hasInset ? box.w + 16 : 8,
          bottom: 8,
          data: data(mainland),
        },
        ...(hasInset
          ? [
              {
                ...common,
                map: 'cqs-inset',
                right: 16,
                bottom: 30,
                width: box.w - 16,
                height: box.h - 38,
                data: data(insets),
              },
            ]
          : []),
      ],
      graphic: hasInset
        ? [
            {
              type: 'rect',
              right: 8,
              bottom: 8,
              silent: true,
              shape: { width: box.w, height: box.h },
              style: { fill: 'rgba(255,255,255,0.6)', stroke: '#8a96a3', lineWidth: 1 },
            },
            {
              type: 'text',
              right: 14,
              bottom: 14,
              silent: true,
              style: { text: t('units.inset_label'), fill: '#3d4754', font: '12px system-ui, sans-serif' },
            },
          ]
        : [],
    },
    true,
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
