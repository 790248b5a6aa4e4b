// The amount due for a dossier, from its procedure version's fees and the e-form answers.
// Pure: the same definition and answers always give the same quote (shown before submission and on the dossier).
import type { FeeBasis, FeeLine, FeeQuote } from '../../../contracts/payments.ts';
import type { FeeCondition, FeeRule, ProcedureDefinition } from '../../../contracts/services.ts';

type Fee = ProcedureDefinition['fees'][number];
type Answers = Record<string, unknown>;

/** Whether the answers satisfy a condition; a missing answer satisfies only a negated one. */
export function holds(c: FeeCondition, answers: Answers): boolean {
  const v = answers[c.field];
  const present = v !== undefined && v !== null && v !== '';
  let match = false;
  if (present && c.equals !== undefined) match = v === c.equals;
  else if (present && c.in) match = c.in.includes(v as string | number);
  return c.not ? !match : match;
}

/** A whole number of units from an answer: absent, negative or not a number count as 0. */
function units(answers: Answers, field: string): number {
  const n = Number(answers[field]);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

function applyRule(
  fee: Fee,
  rule: FeeRule | undefined,
  answers: Answers,
): { amount: number; basis: FeeBasis } {
  if (!rule) return { amount: fee.amount, basis: { kind: 'fixed' } };
  if (rule.kind === 'per_unit') {
    const n = units(answers, rule.field);
    const free = rule.free ?? 0;
    return {
      amount: Math.max(0, n - free) * fee.amount,
      basis: { kind: 'per_unit', units: n, unitAmount: fee.amount, free },
    };
  }
  // tiered: walk the units through the tiers, cap the set, multiply by the number of sets
  const total = units(answers, rule.field);
  let left = total;
  let done = 0;
  let perSet = 0;
  for (const tier of rule.tiers) {
    const take = tier.upTo === undefined ? left : Math.min(left, Math.max(0, tier.upTo - done));
    perSet += take * tier.amount;
    done += take;
    left -= take;
    if (left <= 0) break;
  }
  if (rule.max !== undefined) perSet = Math.min(perSet, rule.max);
  const sets = rule.times ? units(answers, rule.times) : 1;
  return {
    amount: perSet * sets,
    basis: { kind: 'tiered', units: total, perSet, max: rule.max ?? null, sets },
  };
}

/** The fee lines that apply to these answers, with the total and what is paid when. */
export function quoteFees(def: Pick<ProcedureDefinition, 'fees'>, answers: Answers): FeeQuote {
  const lines: FeeLine[] = [];
  for (const fee of def.fees) {
    if (fee.when && !holds(fee.when, answers)) continue;
    const { amount: base, basis } = applyRule(fee, fee.rule, answers);
    const exemption = fee.exemptions?.find((e) => holds(e.when, answers));
    // Integer đồng: a partial exemption rounds the remaining amount down to the đồng.
    const amount = exemption ? Math.floor((base * (100 - exemption.percent)) / 100) : base;
    lines.push({
      code: fee.code,
      name: fee.name,
      kind: fee.kind,
      amount,
      baseAmount: base,
      basis,
      exemption: exemption?.reason ?? null,
      collect: fee.collect ?? 'on_request',
    });
  }
  const sum = (ls: FeeLine[]) => ls.reduce((s, l) => s + l.amount, 0);
  return {
    lines,
    total: sum(lines),
    atSubmission: sum(lines.filter((l) => l.collect === 'at_submission')),
    onRequest: sum(lines.filter((l) => l.collect === 'on_request')),
  };
}
