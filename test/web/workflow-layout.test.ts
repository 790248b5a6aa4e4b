import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../src/contracts/services.ts';
import { DEMO_PROCEDURES as CATALOGUE } from '../../src/server/modules/services/catalogue/index.ts';
import { DONE, layoutWorkflow, wrapText } from '../../src/web/modules/services/workflow/layout.ts';

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

  it('lays out every demo workflow with no two boxes overlapping and inside the canvas', () => {
    for (const def of CATALOGUE) {
      const { nodes, edges, width, height } = layoutWorkflow(def.workflow);
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

  it('wraps text on spaces and cuts what does not fit', () => {
    expect(wrapText('Lãnh đạo phòng kiểm tra, trình ký', 16, 3)).toEqual([
      'Lãnh đạo phòng',
      'kiểm tra, trình',
      'ký',
    ]);
    expect(wrapText('một hai ba bốn năm sáu', 7, 2)).toEqual(['một hai', 'ba bốn…']);
  });
});
