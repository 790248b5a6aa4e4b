// Pure workflow logic: validating a definition and answering "what may happen next" for a dossier.
import type { WorkflowDefinition } from '../../../contracts/services.ts';

export interface WorkflowProblem {
  /** path inside the definition, e.g. "workflow.actions.3.to" */
  path: string;
  key: string;
  params?: Record<string, unknown>;
}

/**
 * A definition is valid when keys are unique, every action joins existing steps, every step can be
 * reached from the start, every step has a way forward, and from every step some path reaches "done".
 */
export function validateWorkflow(wf: WorkflowDefinition, knownRoles?: readonly string[]): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  const steps = new Map(wf.steps.map((s) => [s.key, s]));
  if (steps.size !== wf.steps.length)
    problems.push({ path: 'workflow.steps', key: 'workflow.duplicate_step' });
  const actionKeys = new Set<string>();
  wf.actions.forEach((a, i) => {
    if (actionKeys.has(`${a.from}:${a.key}`))
      problems.push({
        path: `workflow.actions.${i}.key`,
        key: 'workflow.duplicate_action',
        params: { action: a.key },
      });
    actionKeys.add(`${a.from}:${a.key}`);
    if (!steps.has(a.from))
      problems.push({
        path: `workflow.actions.${i}.from`,
        key: 'workflow.unknown_step',
        params: { step: a.from },
      });
    if (a.to !== 'done' && !steps.has(a.to))
      problems.push({
        path: `workflow.actions.${i}.to`,
        key: 'workflow.unknown_step',
        params: { step: a.to },
      });
  });
  wf.actions.forEach((a, i) => {
    if (!a.parallel) return;
    const path = `workflow.actions.${i}.parallel`;
    if (new Set(a.parallel).size !== a.parallel.length)
      problems.push({ path, key: 'workflow.duplicate_step' });
    if (a.to === 'done') problems.push({ path: `workflow.actions.${i}.to`, key: 'workflow.parallel_join' });
    for (const key of a.parallel) {
      const branch = steps.get(key);
      if (!branch) problems.push({ path, key: 'workflow.unknown_step', params: { step: key } });
      else if (!branch.consultation || key === a.from || key === a.to)
        problems.push({ path, key: 'workflow.parallel_not_consultation', params: { step: key } });
      // A branch answers towards the step where the branches meet, and nowhere else.
      else if (!wf.actions.some((b) => b.from === key && b.to === a.to))
        problems.push({ path, key: 'workflow.parallel_no_answer', params: { step: key, join: a.to } });
    }
  });
  if (!steps.has(wf.start))
    problems.push({ path: 'workflow.start', key: 'workflow.unknown_step', params: { step: wf.start } });
  if (knownRoles) {
    wf.steps.forEach((s, i) => {
      if (!knownRoles.includes(s.role))
        problems.push({
          path: `workflow.steps.${i}.role`,
          key: 'workflow.unknown_role',
          params: { role: s.role },
        });
    });
  }
  if (problems.length) return problems;

  const forward = new Map<string, string[]>();
  for (const a of wf.actions)
    forward.set(a.from, [...(forward.get(a.from) ?? []), a.to, ...(a.parallel ?? [])]);
  // Reachable from the start.
  const reached = new Set<string>([wf.start]);
  const queue = [wf.start];
  while (queue.length) {
    for (const next of forward.get(queue.shift()!) ?? []) {
      if (next !== 'done' && !reached.has(next)) {
        reached.add(next);
        queue.push(next);
      }
    }
  }
  // Can reach "done" (walk backwards from done).
  const finishing = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const [from, tos] of forward) {
      if (!finishing.has(from) && tos.some((to) => to === 'done' || finishing.has(to))) {
        finishing.add(from);
        grew = true;
      }
    }
  }
  wf.steps.forEach((s, i) => {
    if (!reached.has(s.key))
      problems.push({ path: `workflow.steps.${i}`, key: 'workflow.unreachable', params: { step: s.key } });
    if (!forward.has(s.key))
      problems.push({ path: `workflow.steps.${i}`, key: 'workflow.dead_end', params: { step: s.key } });
    else if (!finishing.has(s.key))
      problems.push({ path: `workflow.steps.${i}`, key: 'workflow.never_finishes', params: { step: s.key } });
  });
  return problems;
}

/** The actions a workflow allows from a step. */
export function actionsFrom(wf: WorkflowDefinition, stepKey: string) {
  return wf.actions.filter((a) => a.from === stepKey);
}

export function stepOf(wf: WorkflowDefinition, stepKey: string) {
  return wf.steps.find((s) => s.key === stepKey);
}

/** The branch answers of a parallel consultation step: its actions towards the step where branches meet. */
export function branchAnswers(wf: WorkflowDefinition, branchKey: string, joinKey: string) {
  return wf.actions.filter((a) => a.from === branchKey && a.to === joinKey);
}
