// Resumable uploads: create → send chunks at the offset the server reports → complete. A chunk is
// appended only at the expected offset, so a retried or duplicated chunk never corrupts the file.
import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { appendFile, mkdir, open, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { and, eq, lt } from 'drizzle-orm';
import type { ActionContext } from '../context.ts';
import type { Db } from '../db/client.ts';
import { AppError, tooLarge } from '../errors.ts';
import { type FileRow, uploadFile } from './index.ts';
import type { UploadQuota } from './quota.ts';
import type { BlobStore } from './store.ts';
import { uploads } from './tables.ts';

const UPLOAD_TTL_MS = 24 * 3600_000;

export class ResumableUploads {
  constructor(
    private readonly db: Db,
    private readonly blobs: BlobStore,
    private readonly dir: string,
    private readonly maxBytes: number,
    private readonly quota: UploadQuota,
  ) {}

  private path(id: string) {
    return join(this.dir, id);
  }

  private async own(ctx: ActionContext, id: string) {
    if (!ctx.actor) throw new AppError('unauthenticated');
    const [u] = await this.db
      .select()
      .from(uploads)
      .where(and(eq(uploads.id, id), eq(uploads.ownerId, ctx.actor.userId)));
    if (!u) throw new AppError('not_found');
    return u;
  }

  async create(ctx: ActionContext, name: string, size: number) {
    if (!ctx.actor) throw new AppError('unauthenticated');
    if (size > this.maxBytes) throw tooLarge(this.maxBytes);
    const ownerId = ctx.actor.userId;
    await mkdir(this.dir, { recursive: true });
    // The declared size counts against the quota from the start: chunks cannot outgrow it.
    const [u] = await this.db.transaction(async (tx) => {
      await this.quota.reserve(tx, ownerId, size);
      return tx
        .insert(uploads)
        .values({ ownerId, name: name.slice(0, 200), size, expiresAt: new Date(Date.now() + UPLOAD_TTL_MS) })
        .returning();
    });
    await appendFile(this.path(u!.id), Buffer.alloc(0));
    return { id: u!.id, offset: 0, size };
  }

  async offset(ctx: ActionContext, id: string) {
    const u = await this.own(ctx, id);
    return { id, offset: u.received, size: u.size };
  }

  /** Chunks of one upload, one at a time on this node (the row lock orders them across nodes). */
  private readonly queues = new Map<string, Promise<unknown>>();
  private serial<T>(id: string, work: () => Promise<T>): Promise<T> {
    const run = (this.queues.get(id) ?? Promise.resolve()).then(work, work);
    const tail = run.catch(() => {});
    this.queues.set(id, tail);
    void tail.then(() => {
      if (this.queues.get(id) === tail) this.queues.delete(id);
    });
    return run;
  }

  /**
   * Writes a chunk sent for `offset`. Idempotent by offset: a chunk for a range already received with the
   * same bytes (a client retry) is accepted once and changes nothing; other bytes there, or a gap, are
   * refused with the real offset. Appends are serialised and written at their position, never appended.
   */
  async append(ctx: ActionContext, id: string, offset: number, chunk: Buffer) {
    await this.own(ctx, id);
    return this.serial(id, () =>
      this.db.transaction(async (tx) => {
        const [u] = await tx.select().from(uploads).where(eq(uploads.id, id)).for('update');
        if (!u) throw new AppError('not_found');
        if (offset < u.received && offset + chunk.length <= u.received) {
          if (await this.sameBytes(id, offset, chunk)) return { id, offset: u.received, size: u.size };
          throw new AppError('conflict', { offset: u.received });
        }
        if (offset !== u.received) throw new AppError('conflict', { offset: u.received });
        if (u.received + chunk.length > u.size) throw tooLarge(u.size);
        // The row is the truth: bytes past it (written before a crash, not counted) are cut off.
        const file = await open(this.path(id), 'r+');
        try {
          await file.truncate(u.received);
          await file.write(chunk, 0, chunk.length, u.received);
        } finally {
          await file.close();
        }
        const [updated] = await tx
          .update(uploads)
          .set({ received: u.received + chunk.length })
          .where(eq(uploads.id, id))
          .returning();
        return { id, offset: updated!.received, size: u.size };
      }),
    );
  }

  private async sameBytes(id: string, offset: number, chunk: Buffer) {
    const file = await open(this.path(id), 'r');
    try {
      const stored = Buffer.alloc(chunk.length);
      const { bytesRead } = await file.read(stored, 0, chunk.length, offset);
      return bytesRead === chunk.length && stored.equals(chunk);
    } finally {
      await file.close();
    }
  }

  /**
   * Turns a complete upload into a file (type checked from content, like any upload). The bytes on disk
   * must be the declared size and, when the client sends it, have the declared SHA-256.
   */
  async complete(ctx: ActionContext, id: string, sha256?: string): Promise<FileRow> {
    const u = await this.own(ctx, id);
    if (u.received !== u.size) throw new AppError('invalid_state', { offset: u.received, size: u.size });
    const onDisk = (await stat(this.path(id))).size;
    if (onDisk !== u.size) throw new AppError('upload_hash_mismatch');
    if (sha256) {
      const hash = createHash('sha256');
      for await (const part of createReadStream(this.path(id))) hash.update(part as Buffer);
      if (hash.digest('hex') !== sha256.toLowerCase()) throw new AppError('upload_hash_mismatch');
    }
    const file = await uploadFile(this.db, this.blobs, ctx, {
      stream: createReadStream(this.path(id)),
      fileName: u.name,
      maxBytes: this.maxBytes,
      quota: this.quota,
      exceptUpload: id,
    });
    await this.db.delete(uploads).where(eq(uploads.id, id));
    await rm(this.path(id), { force: true });
    return file;
  }

  /** Removes uploads abandoned for a day. */
  async sweep(): Promise<number> {
    const old = await this.db
      .delete(uploads)
      .where(lt(uploads.expiresAt, new Date()))
      .returning({ id: uploads.id });
    for (const { id } of old) await rm(this.path(id), { force: true });
    return old.length;
  }
}
