// What one person may hold in uploads nothing has taken yet (UPLOAD_QUOTA_MB): files not attached to
// anything, uploaded within the orphan grace period (older ones are the sweep's), and resumable uploads
// still open, by their declared size. Files handed to a dossier, a report or a meeting belong to it and
// no longer count, so an official who attaches results all year is never stopped.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { queryRows } from '../db/client.ts';
import { AppError } from '../errors.ts';

// Namespace of the per-person advisory lock that makes the final check exact across nodes.
const QUOTA_LOCK = 727_100_010;
const MB = 1024 * 1024;

export class UploadQuota {
  constructor(
    /** bytes one person may hold */
    readonly bytes: number,
    /** loose files older than this are the orphan sweep's, not the quota's */
    private readonly graceMs: number,
  ) {}

  /** Bytes the person holds now, leaving out one resumable upload (the one being completed). */
  async used(db: DbOrTx, ownerId: string, exceptUpload?: string): Promise<number> {
    const since = new Date(Date.now() - this.graceMs).toISOString();
    const [row] = await queryRows<{ n: string | number }>(
      db,
      sql`select
            coalesce((select sum(size) from files where owner_id = ${ownerId} and resource_id is null
                        and created_at > ${since}::timestamptz), 0)
          + coalesce((select sum(size) from file_uploads where owner_id = ${ownerId} and expires_at > now()
                        and id <> coalesce(${exceptUpload ?? null}::uuid, '00000000-0000-0000-0000-000000000000')), 0)
          as n`,
    );
    return Number(row?.n ?? 0);
  }

  /** How many more bytes the person may upload; refuses when there is no room at all. */
  async room(db: DbOrTx, ownerId: string, exceptUpload?: string): Promise<number> {
    const used = await this.used(db, ownerId, exceptUpload);
    if (used >= this.bytes) throw this.exceeded(used);
    return this.bytes - used;
  }

  /**
   * In the transaction that records `size` more bytes: takes the person's lock (concurrent uploads
   * queue here, so two cannot both fit in the last room) and refuses when they would not fit.
   */
  async reserve(tx: DbOrTx, ownerId: string, size: number, exceptUpload?: string): Promise<void> {
    await tx.execute(sql`select pg_advisory_xact_lock(${QUOTA_LOCK}, hashtext(${ownerId}))`);
    const used = await this.used(tx, ownerId, exceptUpload);
    if (used + size > this.bytes) throw this.exceeded(used);
  }

  /** The 413 that names the quota, what the person holds and when loose files go. */
  exceeded(used: number): AppError {
    const mb = (n: number) => Math.round((n / MB) * 10) / 10;
    return new AppError('upload_quota_exceeded', {
      quota: mb(this.bytes),
      used: mb(used),
      hours: Math.round(this.graceMs / 3_600_000),
    });
  }
}
