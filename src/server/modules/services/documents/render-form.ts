import { renderDocument } from '../../../platform/pdf/render.js';
import { type DocumentTemplate, fillTemplate } from '../../../platform/pdf/template.js';
import { DEFAULT_TEMPLATES } from './templates/index.js';
import type {
  Applicant,
  DocumentBase,
  DossierRef,
  FormCode,
  FormContexts,
  HandOver,
  StepResult,
} from './types.js';

/** What a paper form prints where a value is missing: a gap to fill in by hand. */
export const BLANK = '……';

const STEP_RESULTS: Record<StepResult, string> = {
  early: 'Trước hạn',
  on_time: 'Đúng hạn',
  late: 'Quá hạn',
};

/** Keeps the last 4 digits: "079123456789" → "********6789". Idempotent. */
export function maskIdNumber(id: string): string {
  const compact = id.replace(/\s+/g, '');
  if (compact.length <= 4) return compact;
  return '*'.repeat(compact.length - 4) + compact.slice(-4);
}

function maskApplicant(applicant: Applicant): Applicant {
  return applicant.idNumber ? { ...applicant, idNumber: maskIdNumber(applicant.idNumber) } : applicant;
}

/** Fields every form prints, given the defaults a blank would look wrong for. */
function base(context: DocumentBase) {
  return {
    agency: { ...context.agency, parentName: context.agency.parentName ?? '' },
    documentNumber: context.documentNumber ?? '',
    officer: { name: context.officer?.name ?? '', title: context.officer?.title ?? 'Thủ trưởng cơ quan' },
  };
}

/** "Lý do: …" is a sentence: it ends with a full stop unless it already ends with punctuation. */
export function sentence(text: string): string {
  const t = text.trim();
  return t === '' || /[.!?…:;]$/.test(t) ? t : `${t}.`;
}

/** The "Mã hồ sơ" line under the title; none at all when there is no code (not an empty line to fill). */
const codeLine = (d: { code: string; receiptNo?: string | undefined }) =>
  d.code ? `Mã hồ sơ: ${d.code}` : d.receiptNo ? `Số biên nhận: ${d.receiptNo}` : '';

const withPerson = (side: HandOver['giver']) => (side.person ? `${side.unit}\n(${side.person})` : side.unit);

const withDossier = <C extends DocumentBase & { dossier: DossierRef }>(c: C) => ({
  ...c,
  ...base(c),
  dossier: { ...c.dossier, applicant: maskApplicant(c.dossier.applicant) },
  codeLine: codeLine(c.dossier),
});

/**
 * The context as templates read it: identity numbers masked, codes turned into words, optional
 * cells in tables made empty rather than blank-dotted. Templates never see the raw ID number.
 */
const VIEWS: { [F in FormCode]: (context: FormContexts[F]) => object } = {
  '01': (c) => ({
    ...withDossier(c),
    contactLine: [c.dossier.applicant.phone || BLANK, c.dossier.applicant.email]
      .filter(Boolean)
      .join('; Thư điện tử: '),
    setCount: c.setCount ?? 1,
    ledger: { book: c.ledger?.book || BLANK, sequence: c.ledger?.sequence || BLANK },
    components: c.components.map((item) => ({ ...item, form: item.form ?? '' })),
  }),
  '02': (c) => ({
    ...withDossier(c),
    requestedBy: c.requestedBy
      ? {
          ...c.requestedBy,
          text: [c.requestedBy.name, c.requestedBy.title, c.requestedBy.agency].filter(Boolean).join(', '),
        }
      : undefined,
  }),
  '03': withDossier,
  '04': (c) => ({ ...withDossier(c), reason: sentence(c.reason) }),
  '05': (c) => ({ ...withDossier(c), reason: sentence(c.reason) }),
  '06': (c) => ({
    ...withDossier(c),
    coordinating: (c.coordinatingAgencies ?? []).join('; '),
    steps: c.steps.map((step) => ({
      ...step,
      giverText: withPerson(step.giver),
      receiverText: withPerson(step.receiver),
      resultText: step.result ? STEP_RESULTS[step.result] : '',
      note: step.note ?? '',
    })),
  }),
  '07': (c) => ({
    ...c,
    ...base(c),
    entries: c.entries.map((e) => ({
      ...e,
      setCount: e.setCount ?? 1,
      contactText: [e.applicantAddress, e.applicantPhone].filter(Boolean).join('\n'),
      transferredAt: e.transferredAt ?? '',
      resultReceivedAt: e.resultReceivedAt ?? '',
      returnedAt: e.returnedAt ?? '',
      note: e.note ?? '',
    })),
  }),
};

export interface RenderFormOptions {
  /** A unit's own template for this form, replacing the default. */
  template?: DocumentTemplate;
}

/** Fills a form of Circular 03/2025 Appendix I with a dossier's data and renders the PDF. */
export function renderForm<F extends FormCode>(
  form: F,
  context: FormContexts[F],
  options: RenderFormOptions = {},
): Promise<Buffer> {
  const template = options.template ?? DEFAULT_TEMPLATES[form];
  return renderDocument(fillTemplate(template, formView(form, context), { missing: BLANK }));
}

/** The context a template of this form is filled with, for checking an edited template. */
export function formView<F extends FormCode>(form: F, context: FormContexts[F]): object {
  const build: (context: FormContexts[F]) => object = VIEWS[form];
  return build(context);
}
