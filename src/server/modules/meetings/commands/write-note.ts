// A member's private notes on a document page. Nothing here tells anyone else a note exists: the audit
// row names the note and the page, never its text, and the event goes to its author alone.
import { and, eq } from 'drizzle-orm';
import type { NoteBody } from '../../../../contracts/meetings.ts';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { emit } from '../../../platform/events/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { lockMeeting } from '../load.ts';
import { maySeeDocument } from '../policy.ts';
import { documents, notes } from '../tables.ts';

/** Notes are read and written only by a person signed in themselves: never through an API client. */
export function requirePersonal(ctx: Pick<ActionContext, 'actor'>) {
  if (!ctx.actor) throw new AppError('unauthenticated');
  if (ctx.actor.apiClient) throw new AppError('meeting_notes_personal');
  return ctx.actor;
}

async function readableDocument(tx: Tx, ctx: ActionContext, meetingId: string, documentId: string) {
  const l = await lockMeeting(tx, meetingId, ctx.actor, 'share');
  const [doc] = await tx
    .select()
    .from(documents)
    .where(and(eq(documents.id, documentId), eq(documents.meetingId, meetingId)));
  if (!doc || doc.classified || !maySeeDocument(ctx.actor, l.meeting, l.participants, doc))
    throw new AppError('not_found');
  return { l, doc };
}

async function told(
  tx: Tx,
  ctx: ActionContext,
  action: string,
  meetingId: string,
  noteId: string,
  page: number,
) {
  const me = ctx.actor!.userId;
  await audit(tx, ctx, {
    action,
    targetType: 'meeting_note',
    targetId: noteId,
    summary: { meetingId, page },
  });
  await emit(tx, {
    type: `meeting.${action.replace('meeting.', '')}`,
    aggregateType: 'meeting_note',
    aggregateId: noteId,
    payload: { meetingId, noteId, page },
    audience: { userIds: [me] },
  });
}

export async function addNote(
  db: Db,
  ctx: ActionContext,
  meetingId: string,
  documentId: string,
  input: NoteBody,
) {
  const me = requirePersonal(ctx);
  return db.transaction(async (tx) => {
    const { doc } = await readableDocument(tx, ctx, meetingId, documentId);
    if (input.page > doc.pageCount)
      throw new AppError('validation', {}, [
        { field: 'body.page', key: 'field.too_big', params: { max: doc.pageCount } },
      ]);
    const [row] = await tx
      .insert(notes)
      .values({
        documentId,
        userId: me.userId,
        page: input.page,
        kind: input.kind,
        text: input.text ?? null,
        rect: input.rect ?? null,
      })
      .returning();
    await told(tx, ctx, 'meeting.note_add', meetingId, row!.id, input.page);
    return { id: row!.id };
  });
}

/** Changes or removes one's own note; another person's note is "not found", as an unknown id. */
export async function changeNote(
  db: Db,
  ctx: ActionContext,
  meetingId: string,
  noteId: string,
  change: { text: string } | 'delete',
) {
  const me = requirePersonal(ctx);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ note: notes, meetingId: documents.meetingId })
      .from(notes)
      .innerJoin(documents, eq(documents.id, notes.documentId))
      .where(and(eq(notes.id, noteId), eq(notes.userId, me.userId)))
      .for('update', { of: notes });
    if (!row || row.meetingId !== meetingId) throw new AppError('not_found');
    if (change === 'delete') await tx.delete(notes).where(eq(notes.id, noteId));
    else await tx.update(notes).set({ text: change.text, updatedAt: new Date() }).where(eq(notes.id, noteId));
    await told(
      tx,
      ctx,
      change === 'delete' ? 'meeting.note_delete' : 'meeting.note_edit',
      meetingId,
      noteId,
      row.note.page,
    );
    return { ok: true as const };
  });
}

/** The caller's own notes on a document, page by page: the only read of `mtg_notes` there is. */
export async function myNotes(db: Db, ctx: ActionContext, meetingId: string, documentId: string) {
  const me = requirePersonal(ctx);
  return db.transaction(async (tx) => {
    await readableDocument(tx, ctx, meetingId, documentId);
    const rows = await tx
      .select()
      .from(notes)
      .where(and(eq(notes.documentId, documentId), eq(notes.userId, me.userId)))
      .orderBy(notes.page, notes.createdAt);
    return rows.map((n) => ({
      id: n.id,
      page: n.page,
      kind: n.kind,
      text: n.text,
      rect: n.rect,
      updatedAt: n.updatedAt.toISOString(),
    }));
  });
}
