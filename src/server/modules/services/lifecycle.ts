// The national status machine as data: which platform action may move a dossier from which status,
// who may do it, and where it goes. Workflow steps (inside status 4) are per procedure version.
import type { DossierStatus } from '../../../contracts/services.ts';

export type LifecycleAction =
  | 'accept'
  | 'refuse'
  | 'request_supplement'
  | 'supplement'
  | 'request_payment'
  | 'confirm_payment'
  | 'withdraw'
  | 'stop'
  | 'step'
  | 'hand_over'
  | 'expire_supplement';

/** Who may act: a permission held over the dossier's holder agency, the applicant, or the system. */
export type Actor = { permission: string } | 'applicant' | 'system' | 'step_role';

export interface Transition {
  from: readonly DossierStatus[];
  /** the status after the action; 'previous' = the status before the pause; 'workflow' = decided by the step */
  to: DossierStatus | 'previous' | 'workflow';
  actors: readonly Actor[];
  /** what the request must carry */
  requires?: readonly ('reasons' | 'items' | 'amount' | 'method' | 'comment')[];
  ends?: boolean;
}

export const LIFECYCLE: Record<LifecycleAction, Transition> = {
  accept: { from: [1], to: 4, actors: [{ permission: 'dossiers.receive' }] },
  refuse: {
    from: [1],
    to: 3,
    actors: [{ permission: 'dossiers.receive' }],
    requires: ['reasons'],
    ends: true,
  },
  request_supplement: {
    from: [1, 4],
    to: 5,
    actors: [{ permission: 'dossiers.receive' }, 'step_role'],
    requires: ['items'],
  },
  supplement: { from: [5], to: 'previous', actors: ['applicant', { permission: 'dossiers.receive' }] },
  request_payment: { from: [4], to: 6, actors: ['step_role'], requires: ['amount'] },
  confirm_payment: {
    from: [6],
    to: 4,
    actors: [{ permission: 'dossiers.receive' }, 'step_role'],
    requires: ['method'],
  },
  withdraw: {
    from: [1, 4, 5, 6],
    to: 7,
    actors: ['applicant', { permission: 'dossiers.receive' }],
    ends: true,
  },
  stop: {
    from: [4, 5, 6],
    to: 8,
    actors: [{ permission: 'dossiers.approve' }],
    requires: ['reasons'],
    ends: true,
  },
  step: { from: [4], to: 'workflow', actors: ['step_role'] },
  hand_over: {
    from: [9],
    to: 10,
    actors: [{ permission: 'dossiers.handover' }],
    requires: ['method'],
    ends: true,
  },
  expire_supplement: { from: [5], to: 3, actors: ['system'], ends: true },
};

export const FINAL_STATUSES: readonly DossierStatus[] = [3, 7, 8, 10];

export function allowedFrom(action: LifecycleAction, status: DossierStatus): boolean {
  return LIFECYCLE[action].from.includes(status);
}

/** The component key of a supplied file that answers the request without matching a listed component. */
export const SUPPLEMENT_COMPONENT = 'supplement';
