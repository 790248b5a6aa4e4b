import { useQuery } from '@tanstack/react-query';
import { ScatterChart } from 'echarts/charts';
import { GeoComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../app/api.ts';
import { FORMER_BINH_DUONG, type UnitFeatureCollection } from '../admin/units/geo.ts';

echarts.use([ScatterChart, GeoComponent, TooltipComponent, SVGRenderer]);
type GeoJsonArg = Parameters<typeof echarts.registerMap>[1];

export interface MapPoint {
  lat: number;
  lng: number;
  /** a cluster's size; 1 for one report */
  n?: number;
  code?: string | null;
}

interface Props {
  label: string;
  points?: MapPoint[];
  picked?: { lat: number; lng: number } | null;
  onPick?: (p: { lat: number; lng: number }) => void;
  onOpen?: (code: string) => void;
}

/**
 * The former Bình Dương communes drawn from the bundled boundaries (ECharts geo, SVG, no tiles), with
 * report points; a click on the map picks a point. The fields beside it are the keyboard alternative.
 */
export function FeedbackMap({ label, points = [], picked, onPick, onOpen }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const [ready, setReady] = useState(false);
  const latest = useRef({ onPick, onOpen });
  latest.current = { onPick, onOpen };
  const geo = useQuery({
    queryKey: ['units', 'geo', '79'],
    queryFn: () => api.get<UnitFeatureCollection>('/api/units/geo'),
    staleTime: 3_600_000,
  });

  useEffect(() => {
    const el = ref.current;
    if (!el || !geo.data) return;
    const features = geo.data.features.filter((f) => f.properties.tags.includes(FORMER_BINH_DUONG));
    echarts.registerMap('cqs-feedback', { type: 'FeatureCollection', features } as GeoJsonArg);
    const chart = echarts.init(el, undefined, { renderer: 'svg' });
    chartRef.current = chart;
    chart.getZr().on('click', (e) => {
      const coord = chart.convertFromPixel({ geoIndex: 0 }, [e.offsetX, e.offsetY]) as number[] | undefined;
      if (coord && latest.current.onPick) latest.current.onPick({ lng: coord[0]!, lat: coord[1]! });
    });
    chart.on('click', (p) => {
      const code = (p.data as { code?: string } | undefined)?.code;
      if (code) latest.current.onOpen?.(code);
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(el);
    setReady(true);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, [geo.data]);

  useEffect(() => {
    const chart = chartRef.current;
    if (!ready || !chart) return;
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'item' },
      geo: {
        map: 'cqs-feedback',
        roam: true,
        nameProperty: 'code',
        itemStyle: { areaColor: '#dbe5f1', borderColor: '#ffffff', borderWidth: 0.8 },
        emphasis: { disabled: true },
        label: { show: false },
      },
      series: [
        {
          type: 'scatter',
          coordinateSystem: 'geo',
          symbolSize: (v: number[]) => Math.min(28, 7 + Math.sqrt(v[2] ?? 1) * 3),
          itemStyle: { color: '#b3261e', opacity: 0.8 },
          data: points.map((p) => ({
            value: [p.lng, p.lat, p.n ?? 1],
            code: p.code ?? undefined,
            name: p.code ?? String(p.n),
          })),
        },
        {
          type: 'scatter',
          coordinateSystem: 'geo',
          symbol: 'pin',
          symbolSize: 36,
          itemStyle: { color: '#0b3a75' },
          data: picked ? [{ value: [picked.lng, picked.lat] }] : [],
        },
      ],
    });
  }, [points, picked, ready]);

  return <div ref={ref} className="unit-map feedback-map" role="img" aria-label={label} />;
}
