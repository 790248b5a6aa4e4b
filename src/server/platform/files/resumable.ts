// Resumable uploads: create → send chunks at the offset the server reports → complete. A chunk is
// appended only at the expected offset, so a retried or duplicated chunk never corrupts the file.
import { createReadStream } from 'node:fs';
import { appendFile, mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { ActionContext } from '../context.ts';
import type { Db } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { type FileRow, uploadFile } from './index.ts';
import type { BlobStore } from './store.ts';
import { uploads } from './tables.ts';

const UPLOAD_TTL_MS = 24 * 3600_000;

export class ResumableUploads {
  constructor(
    private readonly db: Db,
    private readonly blobs: BlobStore,
    private readonly dir: string,
    private readonly maxBytes: number,
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
    if (size > this.maxBytes) throw new AppError('payload_too_large');
    await mkdir(this.dir, { recursive: true });
    const [u] = await this.db
      .insert(uploads)
      .values({
        ownerId: ctx.actor.userId,
        name: name.slice(0, 200),
        size,
        expiresAt: new Date(Date.now() + UPLOAD_TTL_MS),
      })
      .returning();
    await appendFile(this.path(u!.id), Buffer.alloc(0));
    return { id: u!.id, offset: 0, size };
  }

  async offset(ctx: ActionContext, id: string) {
    const u = await this.own(ctx, id);
    return { id, offset: u.received, size: u.size };
  }

  /** Appends a chunk sent for `offset`; a chunk for any other offset is refused with the real one. */
  async append(ctx: ActionContext, id: string, offset: number, chunk: Buffer) {
    const u = await this.own(ctx, id);
    if (offset !== u.received) throw new AppError('conflict', { offset: u.received });
    if (u.received + chunk.length > u.size) throw new AppError('payload_too_large');
    // The row is the truth: the file is cut back to it first, so a chunk written before a crash but not counted is redone.
    const onDisk = (await stat(this.path(id))).size;
    if (onDisk !== u.received) {
      const { truncate } = await import('node:fs/promises');
      await truncate(this.path(id), u.received);
    }
    await appendFile(this.path(id), chunk);
    const [updated] = await this.db
      .update(uploads)
      .set({ received: sql`${uploads.received} + ${chunk.length}` })
      .where(and(eq(uploads.id, id), eq(uploads.received, offset)))
      .returning();
    if (!updated) throw new AppError('conflict');
    return { id, offset: updated.received, size: u.size };
  }

  /** Turns a complete upload into a file (type checked from content, like any upload). */
  async complete(ctx: ActionContext, id: string): Promise<FileRow> {
    const u = await this.own(ctx, id);
    if (u.received !== u.size) throw new AppError('invalid_state', { offset: u.received, size: u.size });
    const file = await uploadFile(this.db, this.blobs, ctx, {
      stream: createReadStream(this.path(id)),
      fileName: u.name,
      maxBytes: this.maxBytes,
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
