// Calls and shapes of the feedback API used by the pages.
import { getCsrfToken } from '../../app/api.ts';
import { currentLanguage } from '../../app/i18n.ts';

export interface Category {
  code: string;
  name: string;
  nameEn: string;
  description: string;
  duplicateRadiusM: number;
  allowAnonymousToAgency: boolean;
}

export interface ReportSummary {
  code: string;
  status: string;
  urgent: boolean;
  categoryCode: string;
  categoryName: string;
  categoryNameEn: string;
  description: string;
  lat: number;
  lng: number;
  unitCode: string;
  unitName: string | null;
  agencyName: string | null;
  submittedAt: string;
  dueAt: string | null;
  extensionReason: string | null;
  followerCount: number;
  distanceM?: number;
}

export interface PublicReport extends ReportSummary {
  mergedInto: string | null;
  /** closed, and its followers were asked "is it still fixed?" */
  followUpAsked: boolean;
  answers: { text: string; publishedAt: string | null }[];
  photos: { id: string; fromAgency: boolean; video?: boolean }[];
  timeline: { at: string; action: string; status: string; note: string | null }[];
}

export interface ManagedReport extends ReportSummary {
  id: string;
  originalDescription: string;
  canTriage: boolean;
  canHandle: boolean;
  canLead: boolean;
  contacts: { isReporter: boolean; name: string | null; phone: string | null; email: string | null }[];
  contactsHidden: boolean;
  photos: { id: string; fromAgency: boolean; video?: boolean; publicApproved: boolean }[];
  replies: { id: string; text: string; publicText: string | null; status: string }[];
  proposal: { agencyId: string; agencyName: string; rule: string } | null;
}

export interface UploadedPhoto {
  id: string;
  secret: string;
  suggestedPoint: { lat: number; lng: number } | null;
  /** a short video (sent alone, instead of photos) */
  video?: boolean;
}

export interface ImportResult {
  rows: number;
  imported: number;
  skipped: number;
  codes: string[];
  dryRun: boolean;
}

/** A file error as the API words it: the summary and one message per problem (row and column named). */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly problems: string[],
  ) {
    super(message);
  }
}

/** Multipart upload (the JSON client does not send files). */
async function postFile<T>(url: string, file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file);
  const headers: Record<string, string> = { 'accept-language': currentLanguage() };
  const csrf = getCsrfToken();
  if (csrf) headers['x-csrf-token'] = csrf;
  const res = await fetch(url, {
    method: 'POST',
    body: form,
    headers,
    credentials: 'same-origin',
  });
  const body = (await res.json()) as T & { error?: { message: string; fields?: { message: string }[] } };
  if (!res.ok)
    throw new UploadError(
      body.error?.message ?? `HTTP ${res.status}`,
      body.error?.fields?.map((f) => f.message) ?? [],
    );
  return body;
}

export const uploadPhoto = (file: File) => postFile<UploadedPhoto>('/api/feedback/photos', file);
export const uploadVideo = async (file: File): Promise<UploadedPhoto> => ({
  ...(await postFile<{ id: string; secret: string }>('/api/feedback/videos', file)),
  suggestedPoint: null,
  video: true,
});
export const importReports = (file: File, dryRun: boolean) =>
  postFile<ImportResult>(`/api/feedback/import${dryRun ? '?dryRun=true' : ''}`, file);

export const mediaUrl = (id: string) => `/api/feedback/media/${id}`;
export const categoryLabel = (r: { categoryName: string; categoryNameEn: string }) =>
  currentLanguage() === 'en' ? r.categoryNameEn : r.categoryName;
