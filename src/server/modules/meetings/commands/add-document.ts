import { and, eq } from 'drizzle-orm';
import type { DocumentBody } from '../../../../contracts/meetings.ts';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { files } from '../../../platform/files/index.ts';
import type { BlobStore } from '../../../platform/files/store.ts';
import { emitTo } from '../events.ts';
import { appendLedger } from '../ledger.ts';
import { lockMeeting, requireLive } from '../load.ts';
import { pdfPageCount } from '../pdf-pages.ts';
import { isSecretariat } from '../policy.ts';
import { documents, items } from '../tables.ts';

async function readAll(blobs: BlobStore, sha256: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of await blobs.open(sha256)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The secretariat adds a document to a content: a PDF it uploaded (`/api/files`), its pages counted
 * from the file now, or a classified document by its metadata only (kept on paper: its copies are a
 * paper exception in the ledger). The same title again is a new version; the earlier one is no longer
 * the latest. Word, Excel and ODT files are refused with what to do; there is no server-side converter.
 * A new version waits for a leader's approval before members see it.
 */
export async function addDocument(
  db: Db,
  blobs: BlobStore,
  ctx: ActionContext,
  meetingId: string,
  itemId: string,
  input: DocumentBody,
) {
  return db.transaction(async (tx) => {
    const l = await lockMeeting(tx, meetingId, ctx.actor);
    if (!isSecretariat(ctx.actor, l.meeting)) throw new AppError('forbidden');
    requireLive(l.meeting);
    const [item] = await tx
      .select()
      .from(items)
      .where(and(eq(items.id, itemId), eq(items.meetingId, meetingId)));
    if (!item) throw new AppError('not_found');
    let fileId: string | null = null;
    let pageCount: number;
    let paperCopies = 0;
    if (input.classified) {
      pageCount = input.pageCount;
      paperCopies = input.paperCopies;
    } else {
      const [file] = await tx
        .select()
        .from(files)
        .where(and(eq(files.id, input.fileId), eq(files.ownerId, ctx.actor!.userId)))
        // Locked: the orphan sweep waits, then sees it attached.
        .for('update');
      if (!file || file.resourceId)
        throw new AppError('validation', {}, [{ field: 'body.fileId', key: 'field.file_not_yours' }]);
      if (file.mime !== 'application/pdf')
        throw new AppError('meeting_document_not_pdf', { name: file.name });
      const pages = pdfPageCount(await readAll(blobs, file.sha256));
      if (pages === null) throw new AppError('meeting_document_unreadable', { name: file.name });
      pageCount = pages;
      fileId = file.id;
    }
    const [previous] = await tx
      .select()
      .from(documents)
      .where(and(eq(documents.itemId, itemId), eq(documents.title, input.title), eq(documents.latest, true)))
      .for('update');
    if (previous) await tx.update(documents).set({ latest: false }).where(eq(documents.id, previous.id));
    const [doc] = await tx
      .insert(documents)
      .values({
        meetingId,
        itemId,
        title: input.title,
        fileId,
        classified: input.classified,
        version: (previous?.version ?? 0) + 1,
        latest: true,
        pageCount,
        paperCopies,
        uploadedBy: ctx.actor!.userId,
      })
      .returning();
    if (fileId)
      await tx
        .update(files)
        .set({ resourceType: 'meeting_document', resourceId: doc!.id, agencyId: l.meeting.agencyId })
        .where(eq(files.id, fileId));
    await appendLedger(
      tx,
      meetingId,
      {
        kind: 'document.added',
        itemId,
        data: { documentId: doc!.id, version: doc!.version, pages: pageCount, classified: input.classified },
      },
      ...(input.classified
        ? [
            {
              kind: 'paper.exception' as const,
              itemId,
              data: { documentId: doc!.id, reason: 'classified', pages: pageCount, copies: paperCopies },
            },
          ]
        : []),
    );
    await audit(tx, ctx, {
      action: 'meeting.document_add',
      targetType: 'meeting',
      targetId: meetingId,
      agencyId: l.meeting.agencyId,
      summary: {
        documentId: doc!.id,
        title: input.title,
        version: doc!.version,
        pages: pageCount,
        classified: input.classified,
      },
    });
    // Not yet for the members: the secretariat and the chair, who approves.
    await emitTo(tx, l, 'drafts', 'document_added', { documentId: doc!.id, itemId, version: doc!.version });
    return { id: doc!.id, version: doc!.version, pageCount, classified: input.classified };
  });
}
