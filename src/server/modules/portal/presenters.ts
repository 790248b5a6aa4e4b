import type { EditionRow } from './commands/load.ts';

/** What an editor sees of an edition (not who changed it: the audit log says that). */
export const presentEdition = (e: EditionRow) => ({
  id: e.id,
  itemId: e.itemId,
  lang: e.lang,
  number: e.number,
  state: e.state,
  title: e.title,
  summary: e.summary,
  body: e.body,
  slug: e.slug,
  changeNote: e.changeNote,
  major: e.major,
  lockVersion: e.lockVersion,
  updatedAt: e.updatedAt,
  submittedAt: e.submittedAt,
  approvedAt: e.approvedAt,
  scheduledAt: e.scheduledAt,
  scheduleError: e.scheduleError,
  publishedAt: e.publishedAt,
  unpublishReason: e.unpublishReason,
  redirectTo: e.redirectTo,
});
