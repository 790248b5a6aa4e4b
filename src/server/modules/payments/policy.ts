// Who may do what with a dossier's payments. Reading follows the dossier; paying online is the
// applicant's; recording money at the counter is the collecting desk's, the holder's desk's, or the
// current step's.
import { can, type Principal } from '../../platform/access.ts';
import { type DossierRow, isApplicant, isStepActor } from '../services/index.ts';
import type { PaymentRequestRow } from './requests.ts';

export const mayPayOnline = (p: Principal | null, r: PaymentRequestRow) =>
  !!p && r.applicantUserId !== null && p.userId === r.applicantUserId;

export const mayRecordCounter = (p: Principal | null, d: DossierRow, r?: PaymentRequestRow) =>
  !!p &&
  !isApplicant(p, d) &&
  (can(p, 'dossiers.receive', d.holderAgencyPath) ||
    (r !== undefined && can(p, 'dossiers.receive', r.agencyPath)) ||
    isStepActor(p, d));

/** Finance staff and administrators reconcile the requests of their agency subtree. */
export const RECONCILE = 'payments.reconcile';
