import { eq } from 'drizzle-orm';
import type { Readable } from 'node:stream';
import type { Principal } from '../access.ts';
import { audit } from '../audit/index.ts';
import type { ActionContext } from '../context.ts';
import type { Db } from '../db/client.ts';
import { AppError, tooLarge } from '../errors.ts';
import type { UploadQuota } from './quota.ts';
import { BlobTooLargeError, type BlobStore } from './store.ts';
import { sanitizeFileName, sniff } from './sniff.ts';
import { files } from './tables.ts';

export { files };
export { UploadQuota } from './quota.ts';
export { LocalBlobStore } from './store.ts';
export { type FileReferences, OrphanSweep } from './sweep.ts';

export type FileRow = typeof files.$inferSelect;

/** Decides whether a principal may read a file attached to a resource of one type (registered by modules). */
export type FileAccessRule = (p: Principal, file: FileRow) => Promise<boolean>;
const accessRules = new Map<string, FileAccessRule>();
export function registerFileAccess(resourceType: string, rule: FileAccessRule): void {
  accessRules.set(resourceType, rule);
}

export interface UploadInput {
  stream: Readable;
  fileName: string;
  maxBytes: number;
  /** the uploader's quota; `exceptUpload` is the resumable upload this file completes (counted already) */
  quota: UploadQuota;
  exceptUpload?: string;
}

/** Stores an upload (type decided from content, name sanitized) and records it as the uploader's. */
export async function uploadFile(
  db: Db,
  blobs: BlobStore,
  ctx: ActionContext,
  input: UploadInput,
): Promise<FileRow> {
  if (!ctx.actor) throw new AppError('unauthenticated');
  const owner = ctx.actor.userId;
  // Read no further than the person's room: a file that cannot fit is refused while it streams.
  const room = await input.quota.room(db, owner, input.exceptUpload);
  let blob: Awaited<ReturnType<BlobStore['put']>>;
  try {
    blob = await blobs.put(input.stream, Math.min(input.maxBytes, room));
  } catch (err) {
    if (!(err instanceof BlobTooLargeError)) throw err;
    throw room < input.maxBytes
      ? input.quota.exceeded(await input.quota.used(db, owner, input.exceptUpload))
      : tooLarge(input.maxBytes);
  }
  if (blob.size === 0)
    throw new AppError('validation', {}, [{ field: 'body.file', key: 'field.empty_file' }]);
  const type = sniff(blob.head);
  // A refused blob stays on disk unreferenced until the orphan sweep (sweep.ts) removes it.
  if (!type) throw new AppError('file_type_not_allowed');
  return db.transaction(async (tx) => {
    await input.quota.reserve(tx, owner, blob.size, input.exceptUpload);
    const [row] = await tx
      .insert(files)
      .values({
        sha256: blob.sha256,
        size: blob.size,
        mime: type.mime,
        name: sanitizeFileName(input.fileName, type.ext),
        ownerId: owner,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'file.upload',
      targetType: 'file',
      targetId: row!.id,
      summary: { name: row!.name, size: blob.size, mime: type.mime, sha256: blob.sha256 },
    });
    return row!;
  });
}

/** Loads a file the principal may read; anything else is "not found", so ids and hashes reveal nothing. */
export async function readableFile(db: Db, p: Principal | null, id: string): Promise<FileRow> {
  if (!p) throw new AppError('unauthenticated');
  const [file] = await db.select().from(files).where(eq(files.id, id));
  if (!file) throw new AppError('not_found');
  if (file.ownerId === p.userId) return file;
  const rule = file.resourceType ? accessRules.get(file.resourceType) : undefined;
  if (rule && (await rule(p, file))) return file;
  throw new AppError('not_found');
}
