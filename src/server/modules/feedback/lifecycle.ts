// The status machine of a report, as data: every allowed (status, action) pair and where it leads.
// Commands look transitions up here; the table test walks every cell.

export const REPORT_STATUSES = [
  'submitted',
  'routed',
  'in_progress',
  'returned',
  'answered',
  'published',
  'reopened',
  'escalated',
  'rejected',
  'merged',
  'closed',
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Who may take an action: the feedback operators, the agency holding the report, the reporter/followers, the job queue. */
export type ReportActor = 'operator' | 'agency' | 'leader' | 'follower' | 'system';

export type ReportAction =
  | 'reject'
  | 'merge'
  | 'route'
  | 'accept'
  | 'return'
  | 'transfer'
  | 'reply'
  | 'send_back'
  | 'publish'
  | 'rate_satisfied'
  | 'rate_unsatisfied'
  | 'auto_close'
  | 'still_broken';

export interface Transition {
  from: readonly ReportStatus[];
  to: ReportStatus;
  actors: readonly ReportActor[];
}

const TRIAGE: readonly ReportStatus[] = ['submitted', 'returned'];
const HANDLING: readonly ReportStatus[] = ['in_progress', 'reopened', 'escalated'];

/** `rate_unsatisfied` leads to reopened, escalated or closed by the reopen count: see `afterUnsatisfied`. */
export const TRANSITIONS: Record<ReportAction, Transition> = {
  reject: { from: TRIAGE, to: 'rejected', actors: ['operator'] },
  merge: { from: TRIAGE, to: 'merged', actors: ['operator'] },
  route: { from: TRIAGE, to: 'routed', actors: ['operator'] },
  accept: { from: ['routed'], to: 'in_progress', actors: ['agency'] },
  return: { from: ['routed', 'in_progress'], to: 'returned', actors: ['agency'] },
  transfer: { from: ['routed', 'in_progress'], to: 'routed', actors: ['agency', 'operator'] },
  reply: { from: HANDLING, to: 'answered', actors: ['agency', 'leader'] },
  send_back: { from: ['answered'], to: 'in_progress', actors: ['operator'] },
  publish: { from: ['answered'], to: 'published', actors: ['operator'] },
  rate_satisfied: { from: ['published'], to: 'closed', actors: ['follower'] },
  rate_unsatisfied: { from: ['published'], to: 'reopened', actors: ['follower'] },
  auto_close: { from: ['published'], to: 'closed', actors: ['system'] },
  /** a follower answers "is it still fixed?" with no: the operators triage it again */
  still_broken: { from: ['closed'], to: 'returned', actors: ['follower'] },
};

/** Not satisfied reopens to the agency once, then goes to the agency's leader, then closes as unsatisfied. */
export function afterUnsatisfied(reopenCount: number): ReportStatus {
  if (reopenCount === 0) return 'reopened';
  if (reopenCount === 1) return 'escalated';
  return 'closed';
}

export function canTransition(status: ReportStatus, action: ReportAction): boolean {
  return TRANSITIONS[action].from.includes(status);
}

/** Statuses in which a report is still being worked on (Open311 `open`). */
export const OPEN_STATUSES: readonly ReportStatus[] = [
  'submitted',
  'routed',
  'in_progress',
  'returned',
  'answered',
  'reopened',
  'escalated',
];
export const isOpen = (s: ReportStatus) => OPEN_STATUSES.includes(s);

/** Statuses with a running deadline at the agency. */
export const WITH_AGENCY: readonly ReportStatus[] = ['routed', 'in_progress', 'reopened', 'escalated'];

/** Open311 knows only open and closed; the detail goes to status_notes. */
export const open311Status = (s: ReportStatus): 'open' | 'closed' => (isOpen(s) ? 'open' : 'closed');
