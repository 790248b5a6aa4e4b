// Fills forms 01–06 from a dossier's record; the PDF is rendered on request, so it always matches it.
import { and, asc, eq } from 'drizzle-orm';
import type { Principal } from '../../platform/access.ts';
import type { DbOrTx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { agencies, getUser, unitByCode } from '../identity/index.ts';
import type { AgencyRef, FormCode, HandOver } from './documents/index.ts';
import { renderForm } from './documents/index.ts';
import { signatureBlock } from './documents/signature.ts';
import { paperNumber } from './document-register.ts';
import { documentTemplate } from './templates.ts';
import { mayRead } from './policy.ts';
import { agencyPaths, dossierRow, documentsFor } from './queries.ts';
import { dossierEvents, dossierFiles } from './tables.ts';
import { stepOf } from './workflow.ts';
import { definitionOf } from './definitions.ts';

interface IssuingAgency extends AgencyRef {
  id: string;
  unitCode: string;
  /** the authority whose head signs its letters: itself, or the committee a desk or division belongs to */
  authorityKind: string;
  phone: string | null;
}

async function agencyRef(db: DbOrTx, id: string): Promise<IssuingAgency> {
  const [a] = await db.select().from(agencies).where(eq(agencies.id, id));
  const parent = a?.parentId
    ? (await db.select().from(agencies).where(eq(agencies.id, a.parentId)))[0]
    : undefined;
  return {
    id: a!.id,
    code: a!.code,
    name: a!.name,
    parentName: a!.kind === 'one_stop_desk' || a!.kind === 'division' ? parent?.name : undefined,
    unitCode: a!.unitCode,
    authorityKind: (a!.kind === 'one_stop_desk' || a!.kind === 'division') && parent ? parent.kind : a!.kind,
    phone: a!.phone,
  };
}

async function placeName(db: DbOrTx, unitCode: string): Promise<string> {
  // Communes print their short name ("Thủ Dầu Một"); the city prints its full name.
  const u = await unitByCode(db, unitCode);
  return u ? (u.level === 'province' ? u.fullName : u.name) : '';
}

/** The action whose event issues each paper (form 06 is a running record, issued by none). */
const ISSUING_ACTION: Record<Exclude<FormCode, '06' | '07'>, string> = {
  '01': 'accept',
  '02': 'request_supplement',
  '03': 'refuse',
  '04': 'apology',
  '05': 'stop',
};

/** Names of the platform's own hand-overs on form 06 (workflow steps carry their own names). */
const HAND_OVER_NAMES: Record<string, string> = {
  accept: 'Tiếp nhận hồ sơ',
  route: 'Chuyển xử lý',
  request_supplement: 'Yêu cầu bổ sung hồ sơ',
  supplement: 'Nhận hồ sơ bổ sung',
  hand_over: 'Trả kết quả',
  refuse: 'Từ chối tiếp nhận',
  withdraw: 'Rút hồ sơ',
  stop: 'Dừng xử lý',
};

export async function renderDossierDocument(
  db: DbOrTx,
  p: Principal,
  id: string,
  form: FormCode,
  publicUrl: string,
) {
  const d = await dossierRow(db, id);
  if (!d || !mayRead(p, d, await agencyPaths(db, d))) throw new AppError('not_found');
  const events = await db
    .select()
    .from(dossierEvents)
    .where(eq(dossierEvents.dossierId, id))
    .orderBy(asc(dossierEvents.id));
  if (
    !documentsFor(
      d,
      events.some((e) => e.action === 'apology'),
    ).includes(form)
  )
    throw new AppError('not_found');
  const def = await definitionOf(db, d.procedureVersionId);
  const receiving = await agencyRef(db, d.receivingAgencyId);
  const competent = await agencyRef(db, d.competentAgencyId);
  const last = (action: string) => [...events].reverse().find((e) => e.action === action);
  const accepted = last('accept');
  // The event that issued this paper: its time, its signer and its register number.
  const issuing = form === '06' || form === '07' ? undefined : last(ISSUING_ACTION[form]);
  const issuedAt = issuing?.at ?? events.at(-1)?.at ?? new Date();
  const dossier = {
    code: d.code ?? '',
    // Before acceptance (a supplement asked or a refusal at intake) the receipt number stands in.
    ...(d.receiptNo ? { receiptNo: d.receiptNo } : {}),
    procedureName: def.name,
    applicant: {
      name: d.applicant.fullName,
      address: d.applicant.address,
      phone: d.applicant.phone,
      email: d.applicant.email,
      idNumber: d.applicant.idNumber,
    },
    receivedAt: (d.acceptedAt ?? d.submittedAt).toISOString(),
    dueAt: d.dueAt?.toISOString() ?? '',
    competentAgency: competent.name,
  };
  // The desk issues 01–03; the deciding agency writes 04 and 05 (its letters) and keeps 06.
  const issuingAgency = ['04', '05', '06'].includes(form) ? competent : receiving;
  const base = {
    agency: issuingAgency,
    placeName: await placeName(db, issuingAgency.unitCode),
    issuedAt: issuedAt.toISOString(),
    documentNumber: await paperNumber(db, issuing?.id),
    officer: { name: issuing?.actorLabel ?? '' },
  };
  /** A letter the authority signs (04, 05): the Decree 30 block for the position of who issued it. */
  const signer = async (authority: IssuingAgency) => {
    const user = issuing?.actorId ? await getUser(db, issuing.actorId) : undefined;
    return signatureBlock(authority.authorityKind, {
      name: issuing?.actorLabel ?? '',
      title: user?.title,
    });
  };
  const template = await documentTemplate(db, form, issuingAgency.id);
  const options = template ? { template } : {};
  let buffer: Buffer;
  const submitted = new Set(
    (
      await db
        .select({ key: dossierFiles.componentKey })
        .from(dossierFiles)
        .where(and(eq(dossierFiles.dossierId, id), eq(dossierFiles.role, 'component')))
    ).map((r) => r.key),
  );
  switch (form) {
    case '01':
      buffer = await renderForm(
        '01',
        {
          ...base,
          dossier,
          // What was actually submitted (files by component, and the e-form where it is the
          // declaration), not the procedure's list of what may be.
          components: def.components
            .filter((c) => c.eForm || submitted.has(c.key))
            .map((c) => ({
              name: c.eForm ? `${c.name.replace(/\s*\(.*$/, '')} (biểu mẫu điện tử)` : c.name,
              form: c.eForm ? 'Bản điện tử' : c.originals ? 'Bản chính' : 'Bản sao',
              copies: c.eForm ? 1 : Math.max(c.originals, c.copies, 1),
            })),
          processingTime: def.timeLimitText,
          resultPlace: receiving.name,
          fee: def.fees.reduce((s, f) => s + f.amount, 0) || undefined,
          trackingUrl: `${publicUrl}/tra-cuu?ma=${encodeURIComponent(d.code ?? '')}`,
        },
        options,
      );
      break;
    case '02': {
      const e = issuing!;
      const requester = e.actorId ? await getUser(db, e.actorId) : undefined;
      const requesterAgency = e.fromAgencyId ? await agencyRef(db, e.fromAgencyId) : receiving;
      buffer = await renderForm(
        '02',
        {
          ...base,
          dossier,
          items: (e.data.items as { name: string; reason: string }[]) ?? [],
          supplementDeadline: (e.data.deadline as string) ?? undefined,
          requestedBy: {
            name: e.actorLabel,
            ...(requester?.title ? { title: requester.title } : {}),
            agency: requesterAgency.name,
          },
          // The desk that received the dossier answers the applicant's questions: who received it there.
          contact: {
            name: accepted?.actorLabel ?? receiving.name,
            ...(receiving.phone ? { phone: receiving.phone } : {}),
          },
        },
        options,
      );
      break;
    }
    case '03':
      buffer = await renderForm(
        '03',
        {
          ...base,
          dossier,
          reasons: (issuing!.data.reasons as string[]) ?? [],
          ...(receiving.phone ? { contact: { name: receiving.name, phone: receiving.phone } } : {}),
        },
        options,
      );
      break;
    case '04': {
      // The letter is the processing unit's (the competent agency), passed on by the one-stop desk.
      const e = issuing!;
      buffer = await renderForm(
        '04',
        {
          ...base,
          officer: await signer(competent),
          dossier: { ...dossier, dueAt: String(e.data.previousDueAt ?? dossier.dueAt) },
          reason: String(e.data.reason ?? e.comment ?? ''),
          newDueAt: String(e.data.newDueAt),
          oneStopDesk: receiving.name,
        },
        options,
      );
      break;
    }
    case '05':
      buffer = await renderForm(
        '05',
        {
          ...base,
          // The deciding authority stops processing (its leader holds dossiers.approve) and signs.
          officer: await signer(competent),
          dossier,
          reason: ((issuing!.data.reasons as string[]) ?? []).join('; '),
          oneStopDesk: receiving.name,
        },
        options,
      );
      break;
    default: {
      const agencyNames = new Map(
        (await db.select({ id: agencies.id, name: agencies.name }).from(agencies)).map((a) => [a.id, a.name]),
      );
      const shown = events.filter((e) => e.action !== 'submit');
      const steps: HandOver[] = shown.map((e, i) => {
        // Who received it: whoever acted next in the agency it went to (an official, not the applicant).
        const next = shown
          .slice(i + 1)
          .find((n) => n.fromAgencyId === e.toAgencyId && n.actorId !== d.applicantUserId);
        return {
          step: e.fromStep
            ? (stepOf(def.workflow, e.fromStep)?.name ?? e.fromStep)
            : (HAND_OVER_NAMES[e.action] ?? e.action),
          giver: { unit: agencyNames.get(e.fromAgencyId ?? '') ?? '', person: e.actorLabel },
          receiver: {
            unit: agencyNames.get(e.toAgencyId ?? '') ?? '',
            ...(next ? { person: next.actorLabel } : {}),
          },
          at: e.at.toISOString(),
          result: e.stepTimeliness ?? undefined,
          note: e.comment ?? undefined,
        };
      });
      buffer = await renderForm(
        '06',
        {
          ...base,
          dossier: { ...dossier, dueAt: dossier.dueAt },
          processingAgency: competent.name,
          steps,
        },
        options,
      );
    }
  }
  return { buffer, code: d.code };
}
