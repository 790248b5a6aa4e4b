import type { DocumentTemplate } from '../../../../platform/pdf/template.js';
import type { FormCode } from '../types.js';
import { receiptTemplate } from './form-01-receipt.js';
import { supplementRequestTemplate } from './form-02-supplement.js';
import { refusalTemplate } from './form-03-refusal.js';
import { apologyTemplate } from './form-04-apology.js';
import { stopNoticeTemplate } from './form-05-stop.js';
import { processControlTemplate } from './form-06-process-control.js';
import { registerTemplate } from './form-07-register.js';

/** The default template of each form; a unit's edited template replaces it. */
export const DEFAULT_TEMPLATES: Readonly<Record<FormCode, DocumentTemplate>> = {
  '01': receiptTemplate,
  '02': supplementRequestTemplate,
  '03': refusalTemplate,
  '04': apologyTemplate,
  '05': stopNoticeTemplate,
  '06': processControlTemplate,
  '07': registerTemplate,
};
