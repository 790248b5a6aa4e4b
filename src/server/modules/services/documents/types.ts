/**
 * What each form of Circular 03/2025/TT-VPCP Appendix I is filled with: plain data, dates as
 * ISO strings (shown in Vietnam time), money in integer đồng. Templates address these fields
 * by path ("{{dossier.applicant.name}}"), so renaming one is a template change.
 */

export type FormCode = '01' | '02' | '03' | '04' | '05' | '06' | '07';

export const FORM_CODES: readonly FormCode[] = ['01', '02', '03', '04', '05', '06', '07'];

export interface AgencyRef {
  /** Electronic identifier (mã định danh điện tử), e.g. "000.00.00.H29". */
  code: string;
  /** "Trung tâm Phục vụ hành chính công phường Thủ Dầu Một". */
  name: string;
  /** The authority it belongs to, printed above it: "Ủy ban nhân dân phường Thủ Dầu Một". */
  parentName?: string;
}

export interface Applicant {
  name: string;
  address?: string;
  phone?: string;
  email?: string;
  /** Personal identification number; only its last 4 digits are ever printed. */
  idNumber?: string;
}

export interface DossierRef {
  /** `<agency id>-<YYMMDD>-<NNNN>`; empty before acceptance (a dossier refused at intake) */
  code: string;
  /** The online submission's receipt number, printed when there is no code yet. */
  receiptNo?: string;
  procedureName: string;
  applicant: Applicant;
  receivedAt: string;
  dueAt?: string;
  /** The competent authority that decides the dossier. */
  competentAgency?: string;
}

export interface Officer {
  name: string;
  /** Signature title for documents the head of the unit signs ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"). */
  title?: string;
}

/** Who to call about the dossier. */
export interface Contact {
  name?: string;
  phone?: string;
  website?: string;
}

/** Fields every form shares: who issues it, where and when. */
export interface DocumentBase {
  agency: AgencyRef;
  /** Place name of the date line ("Thủ Dầu Một"). */
  placeName: string;
  issuedAt: string;
  /** The document's number after "Số:"; printed blank when omitted. */
  documentNumber?: string;
  officer?: Officer;
}

export interface ReceivedComponent {
  name: string;
  /** "Bản chính", "Bản sao chứng thực", "Bản điện tử"… */
  form?: string;
  copies: number;
}

/** Mẫu số 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả. */
export interface ReceiptContext extends DocumentBase {
  dossier: DossierRef & { dueAt: string };
  components: ReceivedComponent[];
  /** Number of sets of the dossier (bộ); 1 when omitted. */
  setCount?: number;
  /** As the procedure states it: "05 ngày làm việc". */
  processingTime: string;
  /** Where the result is handed over: a counter, or by post to an address. */
  resultPlace: string;
  /** Entry in the paper register (Sổ theo dõi hồ sơ), when one is kept. */
  ledger?: { book?: string; sequence?: string };
  /** Fees and charges collected, integer đồng. */
  fee?: number;
  /** Public tracking page; printed with a QR code. */
  trackingUrl?: string;
}

export interface SupplementItem {
  /** The document or content to supply or correct. */
  name: string;
  reason: string;
}

/** Mẫu số 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ — every missing item in one request. */
export interface SupplementRequestContext extends DocumentBase {
  dossier: DossierRef;
  items: SupplementItem[];
  /** Time limit for the supplement, when the procedure sets one. */
  supplementDeadline?: string;
  /** The official who asked for it, when not the desk officer who writes the request. */
  requestedBy?: { name: string; title?: string; agency?: string };
  contact?: Contact;
}

/** Mẫu số 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ. */
export interface RefusalContext extends DocumentBase {
  dossier: DossierRef;
  reasons: string[];
  contact?: Contact;
}

/** Mẫu số 04: Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết. */
export interface ApologyContext extends DocumentBase {
  dossier: DossierRef & { dueAt: string };
  reason: string;
  newDueAt: string;
  /** The one-stop desk that passes the letter on (a recipient). */
  oneStopDesk?: string;
}

/** Mẫu số 05: Thông báo dừng giải quyết hồ sơ. */
export interface StopNoticeContext extends DocumentBase {
  dossier: DossierRef;
  reason: string;
  /** When the applicant asked to stop; omitted when the authority stops it. */
  requestedAt?: string;
  legalBasis?: string;
  /** Where the applicant takes back the dossier, if it is returned. */
  returnPlace?: string;
  oneStopDesk?: string;
}

export type StepResult = 'early' | 'on_time' | 'late';

export interface HandOver {
  /** "Tiếp nhận hồ sơ", "Thẩm định", "Phê duyệt"… */
  step: string;
  giver: { unit: string; person?: string };
  receiver: { unit: string; person?: string };
  at: string;
  /** Against the step's time allowance; empty while the step is open. */
  result?: StepResult;
  note?: string;
}

/** Mẫu số 06: Phiếu kiểm soát quá trình giải quyết hồ sơ. */
export interface ProcessControlContext extends DocumentBase {
  dossier: DossierRef & { dueAt: string };
  processingAgency: string;
  coordinatingAgencies?: string[];
  steps: HandOver[];
}

export interface RegisterEntry {
  code: string;
  procedureName: string;
  setCount?: number;
  applicantName: string;
  applicantAddress?: string;
  applicantPhone?: string;
  competentAgency: string;
  receivedAt: string;
  dueAt: string;
  transferredAt?: string;
  resultReceivedAt?: string;
  returnedAt?: string;
  note?: string;
}

/** Mẫu số 07: Sổ theo dõi hồ sơ. */
export interface RegisterContext extends DocumentBase {
  period: { from: string; to: string };
  book?: string;
  entries: RegisterEntry[];
}

export interface FormContexts {
  '01': ReceiptContext;
  '02': SupplementRequestContext;
  '03': RefusalContext;
  '04': ApologyContext;
  '05': StopNoticeContext;
  '06': ProcessControlContext;
  '07': RegisterContext;
}
