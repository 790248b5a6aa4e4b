import { and, eq } from 'drizzle-orm';
import type { ActionContext } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { files } from '../../../platform/files/tables.ts';
import { dossierFiles } from '../tables.ts';
import type { DossierRow } from '../transition.ts';

/**
 * Hands a file the official uploaded to the dossier: the result of a step, or an attachment (an opinion,
 * a transfer slip). Only the uploader's own files can be attached.
 */
export async function attachStepFile(
  tx: Tx,
  ctx: ActionContext,
  d: DossierRow,
  fileId: string,
  kind: 'result' | 'attachment',
  agencyId: string,
): Promise<void> {
  const [file] = await tx
    .select({ id: files.id })
    .from(files)
    .where(and(eq(files.id, fileId), eq(files.ownerId, ctx.actor!.userId)))
    // Locked: the orphan sweep waits, then sees it attached.
    .for('update');
  if (!file) throw new AppError('validation', {}, [{ field: 'body.fileId', key: 'field.file_not_yours' }]);
  await tx.insert(dossierFiles).values({
    dossierId: d.id,
    fileId: file.id,
    componentKey: kind,
    role: kind === 'result' ? 'result' : 'document',
  });
  await tx
    .update(files)
    .set({ resourceType: 'dossier', resourceId: d.id, agencyId })
    .where(eq(files.id, file.id));
}
