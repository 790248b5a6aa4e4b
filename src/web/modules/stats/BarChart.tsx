import type { EChartsType } from 'echarts/core';
import { type ReactNode, useEffect, useRef } from 'react';
import { Table } from '../../ui/Table.tsx';

interface Props {
  caption: string;
  labelHeader: string;
  valueHeader: string;
  items: { key: string; label: string; value: number; display?: ReactNode }[];
}

/**
 * A horizontal bar chart (ECharts, SVG) hidden from assistive technology, with the same figures as a
 * table right under it: the table is the accessible alternative and can be read by everyone. The
 * chart library is fetched and the chart drawn when it scrolls into view, in its reserved height: a
 * phone opening the statistics does not pay for charts it has not reached (issue 11, item 21).
 */
export function BarChart({ caption, labelHeader, valueHeader, items }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let chart: EChartsType | undefined;
    let resized: ResizeObserver | undefined;
    let gone = false;
    const draw = async () => {
      const { echarts } = await import('./bar-charts.ts');
      if (gone) return;
      const c = echarts.init(el, undefined, { renderer: 'svg' });
      chart = c;
      c.setOption({
        animation: false,
        grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        // counts and points: ticks at whole numbers, never "0.5 hồ sơ"
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: {
          type: 'category',
          inverse: true,
          data: items.map((i) => i.label),
          axisLabel: { width: 220, overflow: 'truncate' },
        },
        series: [{ type: 'bar', data: items.map((i) => i.value), itemStyle: { color: '#1f5fa8' } }],
      });
      resized = new ResizeObserver(() => c.resize());
      resized.observe(el);
    };
    const seen = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      seen.disconnect();
      void draw();
    });
    seen.observe(el);
    return () => {
      gone = true;
      seen.disconnect();
      resized?.disconnect();
      chart?.dispose();
    };
  }, [items]);
  return (
    <figure className="stats-chart">
      <div
        ref={ref}
        className="stats-chart-canvas"
        aria-hidden="true"
        style={{ height: 28 * items.length + 40 }}
      />
      <figcaption className="visually-hidden">{caption}</figcaption>
      <Table
        caption={caption}
        captionHidden
        rows={items}
        rowKey={(i) => i.key}
        columns={[
          { key: 'label', header: labelHeader, rowHeader: true, cell: (i) => i.label },
          { key: 'value', header: valueHeader, align: 'end', cell: (i) => i.display ?? String(i.value) },
        ]}
      />
    </figure>
  );
}
