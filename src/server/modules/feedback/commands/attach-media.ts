import { and, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { hashSecret } from '../codes.ts';
import { MAX_PHOTOS } from '../media.ts';
import { fbMedia } from '../tables.ts';

export interface MediaRef {
  id: string;
  secret: string;
}

/** Attaches uploaded photos to a report or a reply; each must be unattached and come with its secret. */
export async function attachMedia(
  tx: Tx,
  refs: readonly MediaRef[],
  target: { reportId: string; replyId?: string },
  field = 'body.media',
): Promise<void> {
  if (refs.length === 0) return;
  if (refs.length > MAX_PHOTOS)
    throw new AppError('validation', {}, [
      { field, key: 'feedback.too_many_photos', params: { max: MAX_PHOTOS } },
    ]);
  const ids = refs.map((r) => r.id);
  const rows = await tx
    .select()
    .from(fbMedia)
    .where(and(inArray(fbMedia.id, ids), isNull(fbMedia.reportId)))
    .for('update');
  for (const ref of refs) {
    const row = rows.find((m) => m.id === ref.id);
    if (!row || row.secretHash !== hashSecret(ref.secret))
      throw new AppError('validation', {}, [{ field, key: 'feedback.unknown_photo' }]);
  }
  // Up to 5 photos or one short video.
  if (refs.length > 1 && rows.some((m) => m.mime.startsWith('video/')))
    throw new AppError('validation', {}, [{ field, key: 'feedback.video_alone' }]);
  await tx
    .update(fbMedia)
    .set({ reportId: target.reportId, replyId: target.replyId ?? null })
    .where(inArray(fbMedia.id, ids));
}
