import { audit } from '../../../platform/audit/index.ts';
import {
  type AttemptPolicy,
  attemptFailed,
  attemptSucceeded,
  takeAttempt,
} from '../../../platform/auth/attempts.ts';
import { safeEqual } from '../../../platform/auth/tokens.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Language } from '../../../platform/i18n/index.ts';
import { findTracked, trackingView } from '../queries.ts';
import { normalizeReference } from '../receipt.ts';

/**
 * Codes are sequential and the PIN has four digits, so the limit is the dossier's, whatever the
 * address: five wrong PINs in 15 minutes lock its tracking for 15 minutes, on every node.
 */
export const TRACKING_ATTEMPTS: AttemptPolicy = { max: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/**
 * Public tracking by code or receipt number and PIN (the last 4 digits of the applicant's phone or ID number). A code
 * that does not exist is counted and locked the same way, so the answers tell nothing about which
 * codes exist; a lock is audited.
 */
export async function trackDossier(db: Db, ctx: ActionContext, code: string, pin: string, lang: Language) {
  // Keyed on the reference as the lookup reads it, so another spelling of it is the same key.
  const key = `tracking:${normalizeReference(code)}`;
  const n = await takeAttempt(db, key, TRACKING_ATTEMPTS);
  const found = await findTracked(db, code);
  if (found && safeEqual(found.d.trackingPin, pin)) {
    await attemptSucceeded(db, key);
    return trackingView(db, found, lang);
  }
  await db.transaction(async (tx) => {
    if (!(await attemptFailed(tx, key, TRACKING_ATTEMPTS, n))) return;
    await audit(tx, ctx, {
      action: 'dossier.tracking_locked',
      targetType: 'dossier',
      targetId: found?.d.id ?? null,
      agencyId: found?.d.competentAgencyId ?? null,
      summary: { code, failures: n, minutes: TRACKING_ATTEMPTS.lockMs / 60_000 },
    });
  });
  throw new AppError('not_found');
}
