import type { z } from 'zod';
import type {
  AllowedAction,
  BulkResult,
  DossierSummary,
  DossierView,
  ProcedureDefinition,
  ProcedureSummary,
  SubmitAnswer,
  TimelineEntry,
  TrackingView,
} from '../../../contracts/services.ts';

// What the services API sends, inferred from the shared contracts.
export type ProcedureItem = z.infer<typeof ProcedureSummary>;
export type Definition = ProcedureDefinition;
export type DossierItem = z.infer<typeof DossierSummary>;
export type Dossier = z.infer<typeof DossierView>;
export type Timeline = z.infer<typeof TimelineEntry>;
export type Action = z.infer<typeof AllowedAction>;
export type Tracking = z.infer<typeof TrackingView>;
export type Submission = z.infer<typeof SubmitAnswer>;
export type BulkOutcome = z.infer<typeof BulkResult>;
export type Urgency = DossierItem['urgency'];

/** An agency that receives the procedure (GET /api/procedures/:code → offeredBy). */
export interface OfferingAgency {
  id: string;
  name: string;
  code: string;
  unitCode: string;
  serviceLevel: 'full' | 'partial';
}

/** GET /api/procedures/:code */
export interface ProcedureDetail {
  code: string;
  version: number;
  effectiveFrom: string;
  definition: Definition;
  offeredBy: OfferingAgency[];
}

/** The answer of every dossier action. */
export interface ActionResult {
  id: string;
  status: number;
  code: string | null;
  revision: number;
}

/** GET /api/register?format=json */
export interface RegisterEntry {
  /** the dossier's id: each row opens it */
  id: string;
  code: string;
  procedureName: string;
  applicantName: string;
  applicantAddress?: string;
  applicantPhone?: string;
  receivingAgency: string;
  competentAgency: string;
  status: number;
  statusName: string;
  receivedAt: string;
  dueAt: string;
  resultReceivedAt?: string;
  returnedAt?: string;
  note?: string;
}

/** POST /api/files */
export interface UploadedFile {
  id: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
}

/** Query keys start with "services" so the module's live events refresh them. */
export const keys = {
  all: ['services'] as const,
  procedures: (q: string) => ['services', 'procedures', q] as const,
  procedure: (code: string) => ['services', 'procedure', code] as const,
  dossier: (id: string) => ['services', 'dossier', id] as const,
  mine: ['services', 'mine'] as const,
  inbox: (filter: object) => ['services', 'inbox', filter] as const,
  register: (filter: object) => ['services', 'register', filter] as const,
  search: (q: string) => ['services', 'search', q] as const,
};
