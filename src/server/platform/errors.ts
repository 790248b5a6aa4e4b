// One catalogue of errors: a stable code, an HTTP status and a message key in locales/<lang>/errors.json.
export const ERRORS = {
  validation: 400,
  malformed_json: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  upload_quota_exceeded: 413,
  unauthenticated: 401,
  invalid_credentials: 401,
  totp_required: 401,
  totp_invalid: 401,
  totp_setup_required: 403,
  session_expired: 401,
  csrf_invalid: 403,
  forbidden: 403,
  not_found: 404,
  route_not_found: 404,
  conflict: 409,
  email_taken: 409,
  phone_taken: 409,
  agency_code_taken: 409,
  role_code_taken: 409,
  invalid_state: 409,
  upload_hash_mismatch: 409,
  idempotency_mismatch: 422,
  weak_password: 400,
  invalid_reset_token: 400,
  invalid_registration_token: 400,
  file_type_not_allowed: 415,
  rate_limited: 429,
  too_many_attempts: 429,
  payment_not_available: 409,
  payment_already_paid: 409,
  fee_unpaid: 409,
  payment_not_received: 409,
  payment_amount_mismatch: 422,
  payment_gateway_unavailable: 502,
  invalid_client: 401,
  invalid_token: 401,
  insufficient_scope: 403,
  dvcqg_not_configured: 409,
  dvcqg_unavailable: 502,
  portal_edit_conflict: 409,
  portal_slug_taken: 409,
  portal_schedule_in_past: 400,
  portal_second_reviewer: 403,
  portal_not_translated: 404,
  meeting_closed: 409,
  meeting_not_in_session: 409,
  meeting_item_not_open: 409,
  meeting_vote_closed: 409,
  meeting_already_voted: 409,
  meeting_not_elector: 403,
  meeting_already_queued: 409,
  meeting_round_closed: 409,
  meeting_round_answered: 409,
  meeting_round_incomplete: 400,
  meeting_no_consent_block: 409,
  meeting_document_not_pdf: 415,
  meeting_document_unreadable: 400,
  meeting_notes_personal: 403,
  meeting_minutes_signed: 409,
  meeting_minutes_conflict: 409,
  database_unavailable: 503,
  streams_full: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERRORS;

export interface FieldProblem {
  /** dotted path of the field, e.g. "body.email" */
  field: string;
  /** message key in the errors namespace, e.g. "field.too_short" */
  key: string;
  params?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, unknown> = {},
    readonly fields: FieldProblem[] = [],
  ) {
    super(code);
    this.status = ERRORS[code];
  }
}

/** A size for people: "20 MB", "512 KB". */
export function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${Math.floor(bytes / (1024 * 1024))} MB`
    : `${Math.max(1, Math.floor(bytes / 1024))} KB`;
}

/** Too large for `maxBytes`: the message states the limit (issue 11, item 14). */
export const tooLarge = (maxBytes: number) =>
  new AppError('payload_too_large', { limit: sizeText(maxBytes) });

export const fail = (code: ErrorCode, params?: Record<string, unknown>, fields?: FieldProblem[]): never => {
  throw new AppError(code, params, fields);
};
