import { Readable } from 'node:stream';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { BlobStore } from '../../../platform/files/store.ts';
import { audit } from '../../../platform/audit/index.ts';
import { hashSecret, newSecret } from '../codes.ts';
import { MAX_PHOTO_BYTES, processPhoto } from '../media.ts';
import { fbMedia } from '../tables.ts';

/**
 * A photo for a report or a reply: re-encoded without metadata before it is stored. The uploader gets
 * a secret to attach it and the EXIF point, if any, as a suggestion (the point itself is not kept).
 */
export async function uploadPhoto(db: Db, blobs: BlobStore, ctx: ActionContext, input: Buffer) {
  const photo = await processPhoto(input);
  const blob = await blobs.put(Readable.from([photo.data]), MAX_PHOTO_BYTES);
  const secret = newSecret();
  const row = await db.transaction(async (tx) => {
    const [m] = await tx
      .insert(fbMedia)
      .values({
        sha256: blob.sha256,
        mime: photo.mime,
        size: blob.size,
        width: photo.width,
        height: photo.height,
        secretHash: hashSecret(secret),
        createdAt: new Date(),
      })
      .returning();
    await audit(tx, ctx, {
      action: 'feedback.photo_upload',
      targetType: 'feedback_media',
      targetId: m!.id,
      summary: { size: blob.size, width: photo.width, height: photo.height },
    });
    return m!;
  });
  return {
    id: row.id,
    secret,
    width: row.width,
    height: row.height,
    suggestedPoint: photo.suggestedPoint,
  };
}
