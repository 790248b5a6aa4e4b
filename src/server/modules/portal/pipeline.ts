// The investor pipeline as data: a lead moves one stage forward, may skip the site visit, and may be
// closed from any open stage.
import type { EnquiryStage } from './tables.ts';

export const PIPELINE_MOVES: Record<EnquiryStage, readonly EnquiryStage[]> = {
  enquiry: ['qualified', 'closed'],
  qualified: ['site_visit', 'dossier', 'closed'],
  site_visit: ['dossier', 'closed'],
  dossier: ['irc', 'closed'],
  irc: ['aftercare'],
  aftercare: [],
  closed: [],
};

export const canMoveEnquiry = (from: EnquiryStage, to: EnquiryStage) => PIPELINE_MOVES[from].includes(to);

/** The usual way to each stage from a new enquiry (the demo's history and the lead report's order). */
export const PIPELINE_PATHS: Record<EnquiryStage, readonly EnquiryStage[]> = {
  enquiry: ['enquiry'],
  qualified: ['enquiry', 'qualified'],
  site_visit: ['enquiry', 'qualified', 'site_visit'],
  dossier: ['enquiry', 'qualified', 'site_visit', 'dossier'],
  irc: ['enquiry', 'qualified', 'site_visit', 'dossier', 'irc'],
  aftercare: ['enquiry', 'qualified', 'site_visit', 'dossier', 'irc', 'aftercare'],
  closed: ['enquiry', 'closed'],
};
