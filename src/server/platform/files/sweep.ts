// Uploads nothing ever took, removed after a grace period (UPLOAD_ORPHAN_HOURS). Hourly: file rows not
// attached (files.resource_id) that no module's table names, with their blobs when nothing else names
// those. Daily: a walk of the blob store for blobs older than the grace period that no file row and no
// module's table names (refused uploads, photos a module let go). Each removal is audited as the
// system's. The kernel knows no module's tables: each module declares its references in its
// registration (`fileReferences`).
import { type SQL, sql } from 'drizzle-orm';
import { auditMany } from '../audit/index.ts';
import { systemContext } from '../context.ts';
import { type Db, pgArray, queryRows } from '../db/client.ts';
import type { Logger } from '../log.ts';
import type { BlobStore } from './store.ts';

/**
 * Where a module's tables point at uploads. Each is a query over the module's own tables returning one
 * text column: the ids of `files` rows it names (`files`), or the SHA-256 of blobs it names without a
 * file row (`blobs`). Anything a query returns is kept, however old.
 */
export interface FileReferences {
  files?: SQL[];
  blobs?: SQL[];
}

const BATCH = 500;
const ctx = () => systemContext('files-sweep');

/** `true` unless one of the queries returns `value`. */
function namedByNone(queries: readonly SQL[], value: SQL): SQL {
  if (queries.length === 0) return sql`true`;
  return sql.join(
    queries.map((q) => sql`not exists (select 1 from (${q}) as r(ref) where r.ref = ${value})`),
    sql` and `,
  );
}

interface RemovedFile {
  id: string;
  sha256: string;
  size: number;
  name: string;
  mime: string;
  ownerId: string | null;
  createdAt: string;
}

export class OrphanSweep {
  private readonly fileRefs: SQL[];
  private readonly blobRefs: SQL[];

  constructor(
    private readonly opts: {
      db: Db;
      blobs: BlobStore;
      /** how long an upload may wait to be attached */
      graceMs: number;
      references: readonly FileReferences[];
      log: Logger;
    },
  ) {
    this.fileRefs = opts.references.flatMap((r) => r.files ?? []);
    this.blobRefs = opts.references.flatMap((r) => r.blobs ?? []);
  }

  /** Loose file rows, and their blobs when nothing else names them. Returns how many of each went. */
  async run(now = new Date()): Promise<{ files: number; blobs: number }> {
    const before = new Date(now.getTime() - this.opts.graceMs);
    let files = 0;
    let blobs = 0;
    for (let shas = await this.fileBatch(before); shas.length > 0; shas = await this.fileBatch(before)) {
      files += shas.length;
      blobs += await this.removeUnnamed([...new Set(shas)], before);
    }
    if (files > 0) this.opts.log.info({ files, blobs }, 'orphan uploads removed');
    return { files, blobs };
  }

  /** Every blob older than the grace period that nothing names (a walk of the whole store). */
  async sweepBlobs(now = new Date()): Promise<number> {
    const before = new Date(now.getTime() - this.opts.graceMs);
    let removed = 0;
    let batch: string[] = [];
    for await (const sha of this.opts.blobs.writtenBefore(before)) {
      batch.push(sha);
      if (batch.length < BATCH) continue;
      removed += await this.removeUnnamed(batch, before);
      batch = [];
    }
    if (batch.length > 0) removed += await this.removeUnnamed(batch, before);
    if (removed > 0) this.opts.log.info({ blobs: removed }, 'unnamed blobs removed');
    return removed;
  }

  /** Removes loose file rows (one batch) and returns their blobs' hashes. */
  private async fileBatch(before: Date): Promise<string[]> {
    return this.opts.db.transaction(async (tx) => {
      // The outer condition is checked again on a row an attaching transaction changed meanwhile
      // (attaching locks the row and sets resource_id), so a file taken at the last moment stays.
      const removed = await queryRows<RemovedFile>(
        tx,
        sql`delete from files f where f.id in (
              select c.id from files c
              where c.resource_id is null and c.created_at < ${before.toISOString()}::timestamptz
                and ${namedByNone(this.fileRefs, sql`c.id::text`)}
              order by c.created_at limit ${BATCH})
            and f.resource_id is null
            returning f.id, f.sha256, f.size, f.name, f.mime, f.owner_id as "ownerId", f.created_at as "createdAt"`,
      );
      await auditMany(
        tx,
        ctx(),
        removed.map((f) => ({
          action: 'file.orphan_removed',
          targetType: 'file',
          targetId: f.id,
          summary: {
            name: f.name,
            size: Number(f.size),
            mime: f.mime,
            sha256: f.sha256,
            ownerId: f.ownerId,
            uploadedAt: new Date(f.createdAt).toISOString(),
          },
        })),
      );
      return removed.map((f) => f.sha256);
    });
  }

  /** Of these blobs, removes those no file row and no module names (unless written again since). */
  private async removeUnnamed(shas: readonly string[], before: Date): Promise<number> {
    const unnamed = await queryRows<{ sha: string }>(
      this.opts.db,
      sql`select s.sha from unnest(${pgArray(shas)}::text[]) as s(sha)
          where not exists (select 1 from files f where f.sha256 = s.sha)
            and ${namedByNone(this.blobRefs, sql`s.sha`)}`,
    );
    const gone: string[] = [];
    for (const { sha } of unnamed) if (await this.opts.blobs.remove(sha, before)) gone.push(sha);
    await auditMany(
      this.opts.db,
      ctx(),
      gone.map((sha) => ({ action: 'file.blob_removed', targetType: 'blob', targetId: sha })),
    );
    return gone.length;
  }
}
