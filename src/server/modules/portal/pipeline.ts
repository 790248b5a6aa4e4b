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
