import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { WorkflowDefinition } from '../../src/contracts/services.ts';

// The diagram rendered to markup in Node, with the app's translations: what the browser draws.
type Diagram = typeof import('../../src/web/modules/services/workflow/WorkflowDiagram.tsx').WorkflowDiagram;
let WorkflowDiagram: Diagram;
beforeAll(async () => {
  // The i18n module reads the chosen language from the document at start-up.
  vi.stubGlobal('document', { cookie: '', documentElement: { lang: '' } });
  await import('../../src/web/app/i18n.ts');
  ({ WorkflowDiagram } = await import('../../src/web/modules/services/workflow/WorkflowDiagram.tsx'));
});

const STEP =
  'Phòng Kinh tế, Hạ tầng và Đô thị thẩm định hồ sơ, kiểm tra thực địa công trình và lập tờ trình đề nghị cấp giấy phép mới';
const ACTION =
  'Trả hồ sơ về Bộ phận Một cửa để yêu cầu người nộp bổ sung, hoàn thiện bản vẽ thiết kế theo ý kiến góp ý của Sở Xây dựng.';
const NOTE =
  'Ghi chú kết quả kiểm tra thực địa vào hồ sơ để lãnh đạo phòng và lãnh đạo Ủy ban nhân dân xã cùng xem xét.';

const workflow: WorkflowDefinition = {
  start: 'tham_dinh',
  steps: [
    {
      key: 'tham_dinh',
      name: STEP,
      role: 'specialist',
      agency: 'competent',
      allowance: { value: 10, unit: 'working_days' },
    },
    {
      key: 'ky',
      name: 'Ký giấy phép',
      role: 'leader',
      agency: 'competent',
      allowance: { value: 2, unit: 'working_days' },
      final: true,
    },
  ],
  actions: [
    { key: 'trinh', name: ACTION, from: 'tham_dinh', to: 'ky' },
    { key: 'tra_lai', name: ACTION, from: 'ky', to: 'tham_dinh' },
    { key: 'ghi_chu', name: NOTE, from: 'tham_dinh', to: 'tham_dinh' },
    { key: 'ky', name: 'Ký', from: 'ky', to: 'done' },
  ],
};

const decode = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replaceAll('&quot;', '"')
    .replaceAll('&#x27;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
/** The text of each match of `element` inside `html`, in order. */
const texts = (html: string, element: RegExp) => [...html.matchAll(element)].map((m) => decode(m[1]!));

describe('the workflow diagram', () => {
  it('draws long step and action names in full, inside boxes that grow to fit them', () => {
    expect([...STEP].length).toBe(120);
    expect([...ACTION].length).toBe(120);
    const html = renderToStaticMarkup(createElement(WorkflowDiagram, { workflow }));
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
    expect(svg).not.toContain('…');

    // The step's name, line after line, is the whole name; its last line of details is in the box.
    const node = /<g class="workflow-node workflow-start">(.*?)<\/g>/.exec(svg)![1]!;
    const nameLines = texts(node, /<text[^>]*class="workflow-step-name"[^>]*>(.*?)<\/text>/g);
    expect(nameLines.length).toBeGreaterThan(3);
    expect(nameLines.join(' ')).toBe(STEP);
    const rect = /<rect x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)"/.exec(node)!;
    const lastLine = Math.max(...[...node.matchAll(/<text[^>]* y="([\d.]+)"/g)].map((m) => Number(m[1])));
    expect(lastLine).toBeLessThan(Number(rect[1]) + Number(rect[2]));

    // Each edge's label, line after line, is the whole action name: forward, back, and onto itself.
    const labels = [...svg.matchAll(/<g class="workflow-edge[^"]*">(.*?)<\/g>/g)].map((g) =>
      texts(g[1]!, /<tspan[^>]*>(.*?)<\/tspan>/g).join(' '),
    );
    expect(labels.filter((l) => l === ACTION)).toHaveLength(2);
    expect(labels).toContain(NOTE);
    expect(labels).toContain('Ký');
  });
});
