// Autosave: a submission in progress is kept on this device (localStorage) until it is sent, with the
// Idempotency-Key chosen when the draft began, so a retry after a lost answer cannot file it twice.
import type { Answers } from './schema.ts';
import type { StoredFile } from './upload.ts';

export interface ApplicantValues {
  type: 'citizen' | 'organisation';
  fullName: string;
  idNumber: string;
  phone: string;
  email: string;
  address: string;
}

export interface Draft {
  v: 1;
  agencyId: string;
  applicant: ApplicantValues;
  answers: Answers;
  files: Record<string, StoredFile>;
  idempotencyKey: string;
  step: number;
  savedAt: string;
}

export const draftKey = (owner: string, channel: string, procedureCode: string) =>
  `cqs.draft.v1:${owner}:${channel}:${procedureCode}`;

export function loadDraft(key: string): Draft | null {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return null;
    const draft = JSON.parse(raw) as Draft;
    return draft && draft.v === 1 && typeof draft.idempotencyKey === 'string' ? draft : null;
  } catch {
    return null;
  }
}

export function saveDraft(key: string, draft: Draft): boolean {
  try {
    localStorage.setItem(key, JSON.stringify(draft));
    return true;
  } catch {
    return false; // private mode or full storage: the form still works, without autosave
  }
}

export function clearDraft(key: string) {
  try {
    localStorage.removeItem(key);
  } catch {
    // nothing stored
  }
}

/** A random UUID, also where crypto.randomUUID is missing (plain http on a local network). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
