import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../src/contracts/services.ts';
import { DEMO_PROCEDURES as CATALOGUE } from '../../src/server/modules/services/catalogue/index.ts';
import {
  DONE,
  type LaidEdge,
  type Layout,
  layoutWorkflow,
  wrapText,
} from '../../src/web/modules/services/workflow/layout.ts';

const step = (key: string, extra: Partial<WorkflowDefinition['steps'][number]> = {}) => ({
  key,
  name: `Bước ${key}`,
  role: 'specialist',
  agency: 'competent' as const,
  allowance: { value: 1, unit: 'working_days' as const },
  ...extra,
});
const action = (from: string, to: string, key = `${from}_${to}`) => ({ key, name: key, from, to });

const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The box a label of this size takes, from the point and side the layout gave it. */
const labelBox = (e: LaidEdge, size: { width: number; height: number }) => ({
  edge: `${e.from}->${e.to}`,
  x:
    e.label.anchor === 'start'
      ? e.label.x
      : e.label.anchor === 'end'
        ? e.label.x - size.width
        : e.label.x - size.width / 2,
  y: e.label.y - size.height / 2,
  ...size,
});

/** No label over a box or over another label, and all of them inside the drawing. */
function expectLabelsClear(
  layout: Layout,
  sizeOf: (e: LaidEdge) => { width: number; height: number },
  what = '',
) {
  const labels = layout.edges.map((e) => labelBox(e, sizeOf(e)));
  for (const [i, l] of labels.entries()) {
    expect(l.x, `${what} ${l.edge}`).toBeGreaterThanOrEqual(0);
    expect(l.x + l.width, `${what} ${l.edge}`).toBeLessThanOrEqual(layout.width);
    for (const n of layout.nodes) expect(overlaps(l, n), `${what} ${l.edge} over ${n.key}`).toBe(false);
    for (const m of labels.slice(i + 1))
      expect(overlaps(l, m), `${what} ${l.edge} over ${m.edge}`).toBe(false);
  }
}

describe('workflow layout', () => {
  it('puts each step below the steps it follows, and done below everything', () => {
    const wf: WorkflowDefinition = {
      start: 'a',
      steps: [step('a'), step('b'), step('c'), step('d', { final: true })],
      actions: [action('a', 'b'), action('a', 'c'), action('b', 'd'), action('c', 'd'), action('d', DONE)],
    };
    const { nodes, edges } = layoutWorkflow(wf);
    const at = new Map(nodes.map((n) => [n.key, n]));
    expect(at.get('a')!.layer).toBe(0);
    expect(at.get('b')!.layer).toBe(1);
    expect(at.get('c')!.layer).toBe(1);
    expect(at.get('d')!.layer).toBe(2);
    expect(at.get(DONE)!.layer).toBe(3);
    // b and c share a row, side by side, without overlapping
    expect(at.get('b')!.y).toBe(at.get('c')!.y);
    expect(overlaps(at.get('b')!, at.get('c')!)).toBe(false);
    // every forward edge points down
    for (const e of edges) {
      expect(e.back).toBe(false);
      expect(e.points.at(-1)!.y).toBeGreaterThan(e.points[0]!.y);
    }
  });

  it('draws a return for rework as a loop back, not as a layer', () => {
    const wf: WorkflowDefinition = {
      start: 'a',
      steps: [step('a'), step('b')],
      actions: [action('a', 'b'), action('b', 'a', 'return'), action('b', DONE)],
    };
    const { nodes, edges } = layoutWorkflow(wf);
    expect(nodes.find((n) => n.key === 'b')!.layer).toBe(1);
    const back = edges.filter((e) => e.back);
    expect(back).toHaveLength(1);
    expect(back[0]).toMatchObject({ from: 'b', to: 'a', actions: ['return'] });
  });

  it('bends a long edge through the rows it crosses', () => {
    const wf: WorkflowDefinition = {
      start: 'a',
      steps: [step('a'), step('b'), step('c')],
      actions: [action('a', 'b'), action('b', 'c'), action('a', 'c', 'skip'), action('c', DONE)],
    };
    const skip = layoutWorkflow(wf).edges.find((e) => e.actions.includes('skip'))!;
    expect(skip.points.length).toBe(3);
  });

  it('draws a definition being edited whose start names no step', () => {
    const wf: WorkflowDefinition = {
      start: 'khong_co_buoc_nay',
      steps: [step('a'), step('b')],
      actions: [action('a', 'b'), action('b', DONE)],
    };
    const { nodes, edges } = layoutWorkflow(wf);
    expect(nodes.map((n) => n.key)).toEqual(['a', 'b', DONE]);
    for (const n of nodes) expect(Number.isFinite(n.x) && Number.isFinite(n.y)).toBe(true);
    expect(edges).toHaveLength(2);
  });

  it('merges actions joining the same two steps into one labelled edge', () => {
    const wf: WorkflowDefinition = {
      start: 'a',
      steps: [step('a')],
      actions: [action('a', DONE, 'approve'), action('a', DONE, 'approve_fast')],
    };
    const { edges } = layoutWorkflow(wf);
    expect(edges).toHaveLength(1);
    expect(edges[0]!.actions).toEqual(['approve', 'approve_fast']);
  });

  it('lays out every demo workflow with no two boxes or labels overlapping and inside the canvas', () => {
    for (const def of CATALOGUE) {
      // labels sized as the diagram draws them: lines of 24 characters, 13 px high
      const names = new Map(def.workflow.actions.map((a) => [`${a.from}:${a.key}`, a.name]));
      const labelSize = (e: { from: string; actions: string[] }) => {
        const lines = wrapText(e.actions.map((k) => names.get(`${e.from}:${k}`)).join(' / '), 24);
        return { width: Math.max(...lines.map((l) => l.length)) * 6.6, height: lines.length * 13 };
      };
      const layout = layoutWorkflow(def.workflow, { labelSize });
      const { nodes, edges, width, height } = layout;
      expectLabelsClear(layout, labelSize, def.code);
      expect(nodes).toHaveLength(def.workflow.steps.length + 1);
      for (const a of nodes) {
        expect(a.x).toBeGreaterThanOrEqual(0);
        expect(a.x + a.width).toBeLessThanOrEqual(width);
        expect(a.y + a.height).toBeLessThanOrEqual(height);
        for (const b of nodes)
          if (a !== b) expect(overlaps(a, b), `${def.code} ${a.key}/${b.key}`).toBe(false);
      }
      const actionsDrawn = edges.reduce((n, e) => n + e.actions.length, 0);
      // Every action once, and a parallel consultation once more per branch it opens.
      const expected = def.workflow.actions.reduce((n, a) => n + 1 + (a.parallel?.length ?? 0), 0);
      expect(actionsDrawn).toBe(expected);
    }
  });

  it('parts the rows to fit long labels, clear of every box, and boxes grow with their text', () => {
    const wf: WorkflowDefinition = {
      start: 'a',
      steps: [step('a'), step('b'), step('c', { final: true })],
      actions: [
        action('a', 'b'),
        action('b', 'a', 'return'),
        action('a', 'c', 'skip'),
        action('b', 'c'),
        action('c', DONE),
        action('c', 'c', 'note'),
      ],
    };
    // a label of ten lines on every edge; step b three times as tall as the others
    const labelSize = () => ({ width: 160, height: 130 });
    const layout = layoutWorkflow(wf, { nodeHeight: (k) => (k === 'b' ? 270 : 90), labelSize });
    const boxes = layout.nodes;
    expect(boxes.find((n) => n.key === 'b')!.height).toBe(270);
    expectLabelsClear(layout, labelSize);
    for (const a of boxes) for (const b of boxes) if (a !== b) expect(overlaps(a, b)).toBe(false);
  });

  it('wraps text on spaces, leaving nothing out', () => {
    expect(wrapText('Lãnh đạo phòng kiểm tra, trình ký', 16)).toEqual([
      'Lãnh đạo phòng',
      'kiểm tra, trình',
      'ký',
    ]);
    const long =
      'Phòng Kinh tế, Hạ tầng và Đô thị thẩm định hồ sơ, kiểm tra thực địa công trình và lập tờ trình đề nghị cấp giấy phép mới';
    const lines = wrapText(long, 30);
    expect(lines.length).toBe(5);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(30);
    expect(lines.join(' ')).toBe(long);
    // a word longer than a line is split, not cut
    expect(wrapText('mã 000.00.21.H29-250101-0001', 10)).toEqual(['mã', '000.00.21.', 'H29-250101', '-0001']);
  });
});
