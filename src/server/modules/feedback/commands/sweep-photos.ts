import { and, isNull, lt } from 'drizzle-orm';
import { auditMany } from '../../../platform/audit/index.ts';
import { systemContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { fbMedia } from '../tables.ts';

/**
 * Photos uploaded before `before` that no report or reply took: their rows go, audited as the system's;
 * the platform's orphan sweep then removes their blobs, which nothing names any more. Attaching locks
 * the row and sets report_id, and the delete checks it again, so a photo taken at the last moment stays.
 */
export async function sweepOrphanPhotos(db: Db, before: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const removed = await tx
      .delete(fbMedia)
      .where(and(isNull(fbMedia.reportId), isNull(fbMedia.replyId), lt(fbMedia.createdAt, before)))
      .returning({
        id: fbMedia.id,
        size: fbMedia.size,
        sha256: fbMedia.sha256,
        createdAt: fbMedia.createdAt,
      });
    await auditMany(
      tx,
      systemContext('feedback-sweep'),
      removed.map((m) => ({
        action: 'feedback.photo_removed',
        targetType: 'feedback_media',
        targetId: m.id,
        summary: { size: m.size, sha256: m.sha256, uploadedAt: m.createdAt.toISOString() },
      })),
    );
    return removed.length;
  });
}
