import { Readable } from 'node:stream';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { BlobStore } from '../../../platform/files/store.ts';
import { hashSecret, newSecret } from '../codes.ts';
import { fbMedia } from '../tables.ts';
import { MAX_VIDEO_BYTES, processVideo } from '../video.ts';

/**
 * A short video for a report, instead of photos: checked from its content, limited in size and length,
 * stored with its metadata boxes neutralised. The uploader gets a secret to attach it.
 */
export async function uploadVideo(db: Db, blobs: BlobStore, ctx: ActionContext, input: Buffer) {
  const video = processVideo(input);
  const blob = await blobs.put(Readable.from([video.data]), MAX_VIDEO_BYTES);
  const secret = newSecret();
  const row = await db.transaction(async (tx) => {
    const [m] = await tx
      .insert(fbMedia)
      .values({
        sha256: blob.sha256,
        mime: video.mime,
        size: blob.size,
        width: video.width,
        height: video.height,
        secretHash: hashSecret(secret),
        createdAt: new Date(),
      })
      .returning();
    await audit(tx, ctx, {
      action: 'feedback.video_upload',
      targetType: 'feedback_media',
      targetId: m!.id,
      summary: { size: blob.size, seconds: video.seconds, metadataBoxesRemoved: video.stripped },
    });
    return m!;
  });
  return { id: row.id, secret, width: row.width, height: row.height, seconds: video.seconds, mime: row.mime };
}
