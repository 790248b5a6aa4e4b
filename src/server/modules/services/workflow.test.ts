import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../../contracts/services.ts';
import { validateWorkflow } from './workflow.ts';

const step = (key: string, consultation = false) => ({
  key,
  name: `Bước ${key}`,
  role: 'specialist',
  agency: consultation ? { code: '000.00.21.H29' } : ('competent' as const),
  allowance: { value: 1, unit: 'working_days' as const },
  ...(consultation ? { consultation: true } : {}),
});
const act = (key: string, from: string, to: string, parallel?: string[]) => ({
  key,
  name: `Thao tác ${key}`,
  from,
  to,
  ...(parallel ? { parallel } : {}),
});

/** appraise → (ask a and b at once) → appraise → done */
const parallel = (): WorkflowDefinition => ({
  start: 'appraise',
  steps: [step('appraise'), step('a', true), step('b', true)],
  actions: [
    act('ask', 'appraise', 'appraise', ['a', 'b']),
    act('answer', 'a', 'appraise'),
    act('answer', 'b', 'appraise'),
    act('finish', 'appraise', 'done'),
  ],
});

const keys = (wf: WorkflowDefinition) => validateWorkflow(wf).map((p) => `${p.path} ${p.key}`);

describe('parallel consultations in a workflow definition', () => {
  // The branches are reached only through the fork: no 'unreachable' problem means the fork counts.
  it('accepts branches that are consultation steps answering back to the join step', () => {
    expect(keys(parallel())).toEqual([]);
  });

  it('refuses a branch that is not a consultation, or the join step itself', () => {
    const wf = parallel();
    wf.steps[2] = step('b');
    expect(keys(wf)).toContain('workflow.actions.0.parallel workflow.parallel_not_consultation');
    const self = parallel();
    self.actions[0] = act('ask', 'appraise', 'appraise', ['a', 'appraise']);
    expect(keys(self)).toContain('workflow.actions.0.parallel workflow.parallel_not_consultation');
  });

  it('refuses a branch with no answer towards the join step, an unknown branch, or joining at the end', () => {
    const noAnswer = parallel();
    noAnswer.actions[2] = act('answer', 'b', 'done');
    expect(keys(noAnswer)).toContain('workflow.actions.0.parallel workflow.parallel_no_answer');
    const unknown = parallel();
    unknown.actions[0] = act('ask', 'appraise', 'appraise', ['a', 'zz']);
    expect(keys(unknown)).toContain('workflow.actions.0.parallel workflow.unknown_step');
    const atEnd = parallel();
    atEnd.actions[0] = act('ask', 'appraise', 'done', ['a', 'b']);
    expect(keys(atEnd)).toContain('workflow.actions.0.to workflow.parallel_join');
  });
});
