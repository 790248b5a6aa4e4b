// A plausible path through a procedure's workflow, and each step's weight in the processing time.
import type { ProcedureDefinition } from '../../../../contracts/services.ts';
import type { TimeLimit } from '../deadline.ts';
import type { Rng } from './prng.ts';

type Step = ProcedureDefinition['workflow']['steps'][number];
type Action = ProcedureDefinition['workflow']['actions'][number];

export interface Leg {
  step: Step;
  action: Action;
}

export const isReturn = (a: Action) => a.key.startsWith('return');

/** The shortest way from a step to "done" (breadth-first), as legs. */
function shortestToDone(wf: ProcedureDefinition['workflow'], from: string): Leg[] {
  const steps = new Map(wf.steps.map((s) => [s.key, s]));
  const prev = new Map<string, Leg>();
  const queue = [from];
  const seen = new Set([from]);
  while (queue.length) {
    const key = queue.shift()!;
    for (const a of wf.actions.filter((x) => x.from === key && !isReturn(x))) {
      const leg = { step: steps.get(key)!, action: a };
      if (a.to === 'done') {
        const legs = [leg];
        for (let k = key; k !== from; ) {
          const p = prev.get(k)!;
          legs.unshift(p);
          k = p.step.key;
        }
        return legs;
      }
      if (!seen.has(a.to)) {
        seen.add(a.to);
        prev.set(a.to, leg);
        queue.push(a.to);
      }
    }
  }
  return [];
}

/**
 * A plausible walk through the workflow: forward actions, a consultation now and then (each at most
 * once), rarely one send-back for re-examination; always ending with the action that reaches "done".
 */
export function walkWorkflow(rng: Rng, wf: ProcedureDefinition['workflow']): Leg[] {
  const steps = new Map(wf.steps.map((s) => [s.key, s]));
  const visits = new Map<string, number>();
  const legs: Leg[] = [];
  let current = wf.start;
  let returned = false;
  for (let guard = 0; guard < 40; guard++) {
    const step = steps.get(current)!;
    visits.set(current, (visits.get(current) ?? 0) + 1);
    const actions = wf.actions.filter((a) => a.from === current);
    const backs = actions.filter(isReturn);
    const forwards = actions.filter((a) => {
      if (isReturn(a)) return false;
      if (a.to === 'done') return true;
      const next = steps.get(a.to);
      return next?.consultation ? !visits.has(a.to) : (visits.get(a.to) ?? 0) < 2;
    });
    let chosen: Action | undefined;
    if (!returned && backs.length > 0 && rng.chance(0.04)) {
      chosen = rng.pick(backs);
      returned = true;
    } else if (forwards.length > 0) {
      const consult = forwards.filter((a) => a.to !== 'done' && steps.get(a.to)?.consultation);
      const plain = forwards.filter((a) => !consult.includes(a));
      chosen =
        consult.length && plain.length
          ? rng.chance(0.4)
            ? rng.pick(consult)
            : rng.pick(plain)
          : rng.pick(forwards);
    } else {
      return [...legs, ...shortestToDone(wf, current)];
    }
    legs.push({ step, action: chosen });
    if (chosen.to === 'done') return legs;
    current = chosen.to;
  }
  return [...legs, ...shortestToDone(wf, current)];
}

/** A step's share of the time limit in office minutes, for splitting the processing time. */
export function allowanceMinutes(limit: TimeLimit): number {
  switch (limit.unit) {
    case 'hours':
      return limit.value * 60;
    case 'half_days':
      return limit.value * 240;
    case 'working_days':
      return limit.value * 480;
    case 'calendar_days':
      return (limit.value * 480 * 5) / 7;
    case 'months':
      return limit.value * 480 * 21;
    default:
      return 480;
  }
}
