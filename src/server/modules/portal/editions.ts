// The life of one edition in one language, as data (GOV.UK's publishing model with a second pair of
// eyes): draft → submitted → approved (by another reviewer) → scheduled → published → superseded, and
// the published edition unpublished as withdrawn (kept, with a banner and the reason), redirected or
// gone (410). Each language walks this on its own.
import type { EditionState } from './tables.ts';

export type EditionAction =
  | 'save'
  | 'submit'
  | 'return'
  | 'approve'
  | 'schedule'
  | 'unschedule'
  | 'publish'
  | 'publish_due'
  | 'withdraw'
  | 'redirect'
  | 'gone';

/** editor and reviewer act through the portal.edit / portal.review permissions over the section's agency */
export type EditionActor = 'editor' | 'reviewer' | 'system';

export interface EditionTransition {
  from: readonly EditionState[];
  to: EditionState;
  by: readonly EditionActor[];
}

export const EDITION_TRANSITIONS: Record<EditionAction, EditionTransition> = {
  // Any change after submission sends the edition back to draft: what was reviewed is what goes out.
  save: { from: ['draft', 'submitted', 'approved', 'scheduled'], to: 'draft', by: ['editor', 'reviewer'] },
  submit: { from: ['draft'], to: 'submitted', by: ['editor', 'reviewer'] },
  return: { from: ['submitted', 'approved'], to: 'draft', by: ['reviewer'] },
  approve: { from: ['submitted'], to: 'approved', by: ['reviewer'] },
  schedule: { from: ['approved'], to: 'scheduled', by: ['editor', 'reviewer'] },
  unschedule: { from: ['scheduled'], to: 'approved', by: ['editor', 'reviewer'] },
  publish: { from: ['approved'], to: 'published', by: ['editor', 'reviewer'] },
  publish_due: { from: ['scheduled'], to: 'published', by: ['system'] },
  withdraw: { from: ['published'], to: 'withdrawn', by: ['reviewer'] },
  redirect: { from: ['published', 'withdrawn'], to: 'redirected', by: ['reviewer'] },
  gone: { from: ['published', 'withdrawn', 'redirected'], to: 'gone', by: ['reviewer'] },
};

export const OPEN_STATES: readonly EditionState[] = ['draft', 'submitted', 'approved', 'scheduled'];
export const LIVE_STATES: readonly EditionState[] = ['published', 'withdrawn', 'redirected', 'gone'];

/** What an action leads to from a state, or why not. */
export function nextState(
  state: EditionState,
  action: EditionAction,
  actor: EditionActor,
): { ok: true; to: EditionState } | { ok: false; reason: 'state' | 'actor' } {
  const t = EDITION_TRANSITIONS[action];
  if (!t.from.includes(state)) return { ok: false, reason: 'state' };
  if (!t.by.includes(actor)) return { ok: false, reason: 'actor' };
  return { ok: true, to: t.to };
}

/**
 * The second pair of eyes: the approver is neither the person who submitted the edition nor the one
 * who last changed it.
 */
export function mayApprove(
  reviewerId: string,
  edition: { submittedBy: string | null; updatedBy: string | null },
): boolean {
  return reviewerId !== edition.submittedBy && reviewerId !== edition.updatedBy;
}

/** Readers' answer for a live edition: the page, the page with a banner, a redirect or 410 Gone. */
export function readerAnswer(state: EditionState): 'page' | 'withdrawn' | 'redirect' | 'gone' | 'none' {
  switch (state) {
    case 'published':
      return 'page';
    case 'withdrawn':
      return 'withdrawn';
    case 'redirected':
      return 'redirect';
    case 'gone':
      return 'gone';
    default:
      return 'none';
  }
}

/** A slug: lower-case ASCII words joined by hyphens ("Thủ tục đất đai" → "thu-tuc-dat-dai"). */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9\p{L}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120);
}

export const SLUG_PATTERN = /^[\p{Ll}\p{Lo}0-9]+(?:-[\p{Ll}\p{Lo}0-9]+)*$/u;
