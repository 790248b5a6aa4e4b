// The formal answer: the agency replies (text and photos of the fix); an operator reviews it and
// publishes the redacted text, or sends it back.
import { and, desc, eq } from 'drizzle-orm';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { applyChange, authorize, lockReport } from '../change.ts';
import { redact } from '../redact.ts';
import { categoryById } from '../reference.ts';
import { fbMedia, fbReplies } from '../tables.ts';
import { attachMedia, type MediaRef } from './attach-media.ts';

export async function replyToReport(db: Db, ctx: ActionContext, id: string, text: string, media: MediaRef[]) {
  return db.transaction(async (tx) => {
    const r = await lockReport(tx, id);
    authorize(ctx, r, 'reply');
    const [reply] = await tx
      .insert(fbReplies)
      .values({
        reportId: r.id,
        agencyId: r.agencyId!,
        authorUserId: ctx.actor!.userId,
        text,
        publicText: redact(text).text,
        status: 'pending_review',
        createdAt: new Date(),
      })
      .returning();
    await attachMedia(tx, media, { reportId: r.id, replyId: reply!.id });
    await applyChange(tx, ctx, r, { action: 'reply', to: 'answered', isPublic: false });
    return reply!;
  });
}

async function pendingReply(tx: Parameters<Parameters<Db['transaction']>[0]>[0], reportId: string) {
  const [reply] = await tx
    .select()
    .from(fbReplies)
    .where(and(eq(fbReplies.reportId, reportId), eq(fbReplies.status, 'pending_review')))
    .orderBy(desc(fbReplies.createdAt))
    .limit(1)
    .for('update');
  if (!reply) throw new AppError('invalid_state', { reason: 'no_pending_reply' });
  return reply;
}

/**
 * Publishes the answer: the operator may correct the redacted text (it is redacted again) and confirms
 * which photos may be public (faces are not detected automatically).
 */
export async function publishReply(
  db: Db,
  ctx: ActionContext,
  id: string,
  input: {
    publicText?: string | undefined;
    publicDescription?: string | undefined;
    approvedMediaIds: string[];
  },
) {
  return db.transaction(async (tx) => {
    const r = await lockReport(tx, id);
    authorize(ctx, r, 'publish');
    const reply = await pendingReply(tx, r.id);
    const now = new Date();
    const publicText = redact(input.publicText ?? reply.publicText ?? reply.text).text;
    await tx
      .update(fbReplies)
      .set({ status: 'published', publicText, reviewedBy: ctx.actor!.userId, publishedAt: now })
      .where(eq(fbReplies.id, reply.id));
    for (const mediaId of input.approvedMediaIds)
      await tx
        .update(fbMedia)
        .set({ publicApproved: true })
        .where(and(eq(fbMedia.id, mediaId), eq(fbMedia.reportId, r.id)));
    const category = await categoryById(tx, r.categoryId);
    return applyChange(tx, ctx, r, {
      action: 'publish',
      to: 'published',
      at: now,
      set: {
        publishedAt: now,
        ...(input.publicDescription !== undefined
          ? { publicDescription: redact(input.publicDescription).text }
          : {}),
      },
      publicNote: publicText,
      auditSummary: { reply: reply.id, autoCloseDays: category.autoCloseDays },
    });
  });
}

export async function sendBackReply(db: Db, ctx: ActionContext, id: string, note: string) {
  return db.transaction(async (tx) => {
    const r = await lockReport(tx, id);
    authorize(ctx, r, 'send_back');
    const reply = await pendingReply(tx, r.id);
    await tx
      .update(fbReplies)
      .set({ status: 'sent_back', reviewedBy: ctx.actor!.userId, reviewNote: note })
      .where(eq(fbReplies.id, reply.id));
    return applyChange(tx, ctx, r, { action: 'send_back', to: 'in_progress', note, isPublic: false });
  });
}
