import { and, eq } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emitMeeting } from '../events.ts';
import { invitees } from '../invitations.ts';
import { appendLedger } from '../ledger.ts';
import { lockMeeting, requireLive } from '../load.ts';
import { isChair } from '../policy.ts';
import { documents } from '../tables.ts';

/**
 * The chair (the leader presiding) approves the latest version of a document; it is published to the
 * members at once. The ledger records its pages and how many receive it electronically (the
 * invitees; a classified document reaches them by reference only, its copies stay on paper).
 */
export async function approveDocument(db: Db, ctx: ActionContext, meetingId: string, documentId: string) {
  return db.transaction(async (tx) => {
    const l = await lockMeeting(tx, meetingId, ctx.actor);
    if (!isChair(ctx.actor, l.participants)) throw new AppError('forbidden');
    requireLive(l.meeting);
    const [doc] = await tx
      .select()
      .from(documents)
      .where(and(eq(documents.id, documentId), eq(documents.meetingId, meetingId)))
      .for('update');
    if (!doc) throw new AppError('not_found');
    if (!doc.latest || doc.approvedAt)
      throw new AppError('invalid_state', { state: doc.approvedAt ? 'approved' : 'superseded' });
    const now = new Date();
    await tx
      .update(documents)
      .set({ approvedAt: now, approvedBy: ctx.actor!.userId, publishedAt: now })
      .where(eq(documents.id, documentId));
    const recipients = invitees(l.participants).length;
    await appendLedger(tx, meetingId, {
      kind: 'document.published',
      itemId: doc.itemId,
      data: {
        documentId,
        version: doc.version,
        pages: doc.pageCount,
        classified: doc.classified,
        recipients,
        electronicRecipients: doc.classified ? 0 : recipients,
      },
    });
    await audit(tx, ctx, {
      action: 'meeting.document_approve',
      targetType: 'meeting',
      targetId: meetingId,
      agencyId: l.meeting.agencyId,
      summary: { documentId, version: doc.version, pages: doc.pageCount },
    });
    await emitMeeting(tx, l, 'document_published', { documentId, itemId: doc.itemId, version: doc.version });
    return { id: documentId, publishedAt: now.toISOString() };
  });
}
