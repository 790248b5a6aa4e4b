import { normalizeReference } from './receipt.ts';
import { feesOwedFor, unpaidFees } from './contributions.ts';
import { and, asc, desc, eq, inArray, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import type { Principal } from '../../platform/access.ts';
import { addWorkingDays } from '../../platform/calendar/index.ts';
import type { DbOrTx } from '../../platform/db/client.ts';
import { files } from '../../platform/files/tables.ts';
import { type Language, t } from '../../platform/i18n/index.ts';
import { agencies } from '../identity/index.ts';
import { loadCalendar } from './clock.ts';
import { formatExplanation } from './deadline.ts';
import { LIFECYCLE, SUPPLEMENT_COMPONENT } from './lifecycle.ts';
import { canBeApologisedFor, mayAct, mayApologise, mayRead } from './policy.ts';
import { foldVietnamese } from './search.ts';
import {
  dossierConsultations,
  dossierEvents,
  dossierFiles,
  dossiers,
  procedureAgencies,
  procedures,
  procedureVersions,
  ratings,
} from './tables.ts';
import type { DossierRow } from './transition.ts';
import { actionsFrom, branchAnswers, stepOf } from './workflow.ts';
import type { WorkflowAction } from '../../../contracts/services.ts';
import { definitionOf } from './definitions.ts';
import { sortVietnamese } from '../../../contracts/collation.ts';

/**
 * Procedures in force, found by words (diacritics and case ignored), by name; or, with `popular`,
 * the ones most submitted in the last year (the home page's shortcuts).
 */
export async function searchProcedures(db: DbOrTx, q: string | undefined, limit = 50, popular = false) {
  const where: SQL[] = [eq(procedures.active, true)];
  for (const word of foldVietnamese(q ?? '')
    .split(' ')
    .filter(Boolean))
    where.push(like(procedures.searchText, `%${word.replace(/[%_]/g, '')}%`));
  // By name in Vietnamese order (the database's collation is byte order): the names of all matches,
  // sorted here, then the definitions of the first `limit` only.
  let ids: string[] | undefined;
  if (!popular) {
    const names = await db
      .select({ id: procedures.id, name: procedures.name })
      .from(procedures)
      .where(and(...where));
    ids = sortVietnamese(names, (n) => n.name)
      .slice(0, limit)
      .map((n) => n.id);
    if (ids.length === 0) return [];
    where.push(inArray(procedures.id, ids));
  }
  const rows = await db
    .select({ procedure: procedures, definition: procedureVersions.definition })
    .from(procedures)
    .innerJoin(
      procedureVersions,
      sql`${procedureVersions.id} = (select v.id from svc_procedure_versions v where v.procedure_id = ${procedures.id} and v.applied_at is not null and v.effective_from <= now() order by v.effective_from desc, v.version desc limit 1)`,
    )
    .where(and(...where))
    .orderBy(
      ...(popular
        ? [
            sql`(select count(*) from svc_dossiers d where d.procedure_id = ${procedures.id} and d.submitted_at > now() - interval '365 days') desc`,
          ]
        : []),
      asc(procedures.name),
    )
    .limit(limit);
  const order = ids ? new Map(ids.map((id, i) => [id, i])) : undefined;
  if (order) rows.sort((a, b) => (order.get(a.procedure.id) ?? 0) - (order.get(b.procedure.id) ?? 0));
  return rows.map((r) => ({
    code: r.procedure.code,
    name: r.definition.name,
    ...(r.definition.nameEn ? { nameEn: r.definition.nameEn } : {}),
    sectorName: r.definition.sector.name,
    ...(r.definition.sector.nameEn ? { sectorNameEn: r.definition.sector.nameEn } : {}),
    serviceLevel: r.definition.serviceLevel,
    timeLimitText: r.definition.timeLimitText,
  }));
}

// Counting a year of dossiers per procedure is too much for every visit of the home page: the
// answer is kept ten minutes (per database, so tests with their own databases do not share it).
const popularCache = new WeakMap<object, { at: number; items: ProcedureSummaryRow[] }>();
type ProcedureSummaryRow = Awaited<ReturnType<typeof searchProcedures>>[number];

/** The procedures most submitted in the last year, at most eight. */
export async function popularProcedures(db: DbOrTx): Promise<ProcedureSummaryRow[]> {
  const cached = popularCache.get(db);
  if (cached && Date.now() - cached.at < 600_000) return cached.items;
  const items = await searchProcedures(db, undefined, 8, true);
  popularCache.set(db, { at: Date.now(), items });
  return items;
}

/** The procedure as published now, with the agencies that receive it. */
export async function procedureInForce(db: DbOrTx, code: string) {
  const [row] = await db
    .select({ procedure: procedures, version: procedureVersions })
    .from(procedures)
    .innerJoin(
      procedureVersions,
      sql`${procedureVersions.id} = (select v.id from svc_procedure_versions v where v.procedure_id = ${procedures.id} and v.applied_at is not null and v.effective_from <= now() order by v.effective_from desc, v.version desc limit 1)`,
    )
    .where(eq(procedures.code, code));
  if (!row) return undefined;
  const offeredBy = await db
    .select({
      id: agencies.id,
      name: agencies.name,
      code: agencies.code,
      unitCode: agencies.unitCode,
      serviceLevel: procedureAgencies.serviceLevel,
    })
    .from(procedureAgencies)
    .innerJoin(agencies, eq(agencies.id, procedureAgencies.agencyId))
    .where(eq(procedureAgencies.procedureId, row.procedure.id));
  return {
    procedure: row.procedure,
    version: row.version.version,
    effectiveFrom: row.version.effectiveFrom,
    definition: row.version.definition,
    offeredBy: sortVietnamese(offeredBy, (a) => a.name),
  };
}

type Urgency = 'overdue' | 'due_today' | 'due_soon' | 'on_track' | 'paused' | 'none';

async function urgencyOf(db: DbOrTx) {
  const calendar = await loadCalendar(db);
  const now = Date.now();
  const today = new Date(now + 7 * 3600_000).toISOString().slice(0, 10);
  const soon = addWorkingDays(calendar, now, 2).getTime();
  return (d: { status: number; dueAt: Date | null }): Urgency => {
    if (d.status === 5 || d.status === 6) return 'paused';
    if (!d.dueAt || [3, 7, 8, 9, 10].includes(d.status)) return 'none';
    const due = d.dueAt.getTime();
    if (due < now) return 'overdue';
    if (new Date(due + 7 * 3600_000).toISOString().slice(0, 10) === today) return 'due_today';
    return due <= soon ? 'due_soon' : 'on_track';
  };
}

const summaryColumns = {
  dossier: dossiers,
  procedureCode: procedures.code,
  procedureName: procedures.name,
  holderName: agencies.name,
  definition: procedureVersions.definition,
};

/** A name from the procedure data in the reader's language, where it has an English variant. */
function inLanguage(lang: Language, x: { name: string; nameEn?: string | undefined }): string {
  return lang === 'en' && x.nameEn ? x.nameEn : x.name;
}

async function summaries(
  db: DbOrTx,
  where: SQL | undefined,
  order: SQL[],
  limit: number,
  lang: Language = 'vi',
) {
  const rows = await db
    .select(summaryColumns)
    .from(dossiers)
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
    .innerJoin(agencies, eq(agencies.id, dossiers.holderAgencyId))
    .where(where)
    .orderBy(...order)
    .limit(limit);
  const urgency = await urgencyOf(db);
  return rows.map((r) => ({
    id: r.dossier.id,
    code: r.dossier.code,
    receiptNo: r.dossier.receiptNo,
    procedureCode: r.procedureCode,
    procedureName: inLanguage(lang, { name: r.procedureName, nameEn: r.definition.nameEn }),
    status: r.dossier.status,
    stepName: r.dossier.stepKey ? stepName(r.definition.workflow, r.dossier.stepKey, lang) : null,
    applicantName: r.dossier.applicant.fullName,
    channel: r.dossier.channel,
    holderAgencyName: r.holderName,
    submittedAt: r.dossier.submittedAt.toISOString(),
    dueAt: r.dossier.dueAt?.toISOString() ?? null,
    urgency: urgency(r.dossier),
  }));
}

/** What an official typed in the dossier search, read as the one thing it can be. */
export type DossierLookup =
  | { kind: 'receipt' | 'code' | 'id_number' | 'name'; value: string }
  | { kind: 'phone'; value: string };

export function classifyLookup(text: string): DossierLookup | null {
  const q = text.trim();
  if (q.length < 2) return null;
  const ref = normalizeReference(q);
  if (ref.startsWith('BN-')) return { kind: 'receipt', value: ref };
  const digits = q.replace(/[\s.]/g, '');
  // Phones as the applicant wrote them (0… or +84…): compared on their last nine digits.
  if (/^(0|\+?84)\d{9}$/.test(digits)) return { kind: 'phone', value: digits.slice(-9) };
  // The personal identification number (12 digits) or an old identity card number (9).
  if (/^(\d{9}|\d{12})$/.test(digits)) return { kind: 'id_number', value: digits };
  if (/\d/.test(q) && /[-.]/.test(q)) return { kind: 'code', value: q.toUpperCase().replace(/\s+/g, '') };
  return { kind: 'name', value: q.replace(/\s+/g, ' ') };
}

/**
 * Any dossier an official's agencies have received, held, decided or been consulted on (the same reach
 * as `mayRead`), in any status, by receipt number, code, applicant's phone, ID number or name; newest
 * first. Codes, receipt numbers, phones and ID numbers are indexed; a name is matched within the reach.
 */
export async function findDossiers(db: DbOrTx, p: Principal, lookup: DossierLookup, limit: number) {
  const prefixes = [...new Set(p.memberships.map((m) => `${m.agencyPath.replace(/[%_\\]/g, '\\$&')}%`))];
  if (prefixes.length === 0) return [];
  const reach = or(
    ...prefixes.map(
      (prefix) => sql`(${dossiers.holderAgencyPath} like ${prefix}
        or exists (select 1 from ${agencies} a where a.id in (${dossiers.receivingAgencyId}, ${dossiers.competentAgencyId}) and a.path like ${prefix})
        or exists (select 1 from ${dossierConsultations} c where c.dossier_id = ${dossiers.id} and c.agency_path like ${prefix}))`,
    ),
  );
  const match =
    lookup.kind === 'receipt'
      ? eq(dossiers.receiptNo, lookup.value)
      : lookup.kind === 'code'
        ? eq(dossiers.code, lookup.value)
        : lookup.kind === 'phone'
          ? sql`right(${dossiers.applicant}->>'phone', 9) = ${lookup.value}`
          : lookup.kind === 'id_number'
            ? sql`(${dossiers.applicant}->>'idNumber') = ${lookup.value}`
            : sql`(${dossiers.applicant}->>'fullName') ilike ${`%${lookup.value.replace(/[%_\\]/g, '\\$&')}%`}`;
  return summaries(db, and(match, reach), [desc(dossiers.submittedAt)], limit);
}

/**
 * An official's inbox: dossiers held by an agency they belong to (or below it) that wait for them —
 * new ones and results for the one-stop desk, workflow steps for the step's role — most urgent first.
 */
export async function inbox(
  db: DbOrTx,
  p: Principal,
  f: { status?: number | undefined; q?: string | undefined; limit: number },
) {
  const clauses = p.memberships.map((m) => {
    const under = like(dossiers.holderAgencyPath, `${m.agencyPath}%`);
    const parts: SQL[] = [sql`${dossiers.status} in (4, 5, 6) and ${dossiers.stepRole} = ${m.roleCode}`];
    if (m.permissions.includes('dossiers.receive')) parts.push(sql`${dossiers.status} in (1, 5)`);
    if (m.permissions.includes('dossiers.handover')) parts.push(sql`${dossiers.status} = 9`);
    return and(under, or(...parts));
  });
  if (clauses.length === 0) return [];
  const where: SQL[] = [or(...clauses)!];
  if (f.status) where.push(eq(dossiers.status, f.status));
  if (f.q)
    where.push(
      or(like(dossiers.code, `%${f.q}%`), sql`${dossiers.applicant}->>'fullName' ilike ${`%${f.q}%`}`)!,
    );
  const order = [sql`${dossiers.dueAt} asc nulls last`, asc(dossiers.submittedAt)];
  const held = await summaries(db, and(...where), order, f.limit);
  if (f.status && f.status !== 4) return held;
  // Dossiers on which an agency of theirs is asked in a parallel consultation (a small, indexed table).
  const asked = await db
    .selectDistinct({ id: dossierConsultations.dossierId })
    .from(dossierConsultations)
    .where(
      and(
        isNull(dossierConsultations.answeredAt),
        or(
          ...p.memberships.map((m) =>
            and(
              like(dossierConsultations.agencyPath, `${m.agencyPath}%`),
              eq(dossierConsultations.role, m.roleCode),
            ),
          ),
        ),
      ),
    )
    .limit(f.limit);
  const extra = asked.map((a) => a.id).filter((id) => !held.some((h) => h.id === id));
  if (extra.length === 0) return held;
  const where2 = [inArray(dossiers.id, extra)];
  if (f.q) where2.push(where.at(-1)!);
  const branches = await summaries(db, and(...where2), order, f.limit);
  return [...held, ...branches]
    .sort((x, y) => (x.dueAt ?? '9999').localeCompare(y.dueAt ?? '9999'))
    .slice(0, f.limit);
}

export async function myDossiers(db: DbOrTx, userId: string, lang: Language = 'vi') {
  return summaries(db, eq(dossiers.applicantUserId, userId), [desc(dossiers.submittedAt)], 200, lang);
}

function stepName(wf: DossierDefinition['workflow'], key: string, lang: Language): string | null {
  const step = stepOf(wf, key);
  return step ? inLanguage(lang, step) : null;
}

export async function dossierRow(db: DbOrTx, id: string): Promise<DossierRow | undefined> {
  const [row] = await db.select().from(dossiers).where(eq(dossiers.id, id));
  return row;
}

export async function agencyPaths(db: DbOrTx, d: DossierRow) {
  const rows = await db
    .select({ id: agencies.id, path: agencies.path })
    .from(agencies)
    .where(inArray(agencies.id, [d.receivingAgencyId, d.competentAgencyId]));
  const pathOf = (id: string) => rows.find((r) => r.id === id)?.path ?? '/-/';
  const consulted = await db
    .selectDistinct({ path: dossierConsultations.agencyPath })
    .from(dossierConsultations)
    .where(eq(dossierConsultations.dossierId, d.id));
  return {
    receiving: pathOf(d.receivingAgencyId),
    competent: pathOf(d.competentAgencyId),
    consulted: consulted.map((c) => c.path),
  };
}

/** What this principal may do next with this dossier (the buttons on its page). */
function allowedActions(
  p: Principal,
  d: DossierRow,
  def: DossierDefinition,
  lang: Language,
  consultations: (typeof dossierConsultations.$inferSelect)[],
  owed: readonly { purpose: 'submission' | 'obligation'; amount: number; reference: string }[],
) {
  // Fees gate acceptance (those due with the submission) and hand-over (all): the button says why.
  const blockedBy = (kind: string): string | null => {
    if (kind !== 'accept' && kind !== 'hand_over') return null;
    const due = feesOwedFor(owed, kind);
    return due ? t(lang, `services:blocked.${kind}`, due) : null;
  };
  type Kind =
    | 'accept'
    | 'refuse'
    | 'request_supplement'
    | 'supplement'
    | 'hand_over'
    | 'withdraw'
    | 'stop'
    | 'apology'
    | 'step'
    | 'consult';
  const out: { kind: Kind; key: string; name: string; requires: string[]; blocked: string | null }[] = [];
  for (const kind of [
    'accept',
    'refuse',
    'request_supplement',
    'supplement',
    'hand_over',
    'withdraw',
    'stop',
  ] as const) {
    const rule = LIFECYCLE[kind];
    if (rule.from.includes(d.status as never) && mayAct(p, d, rule.actors)) {
      out.push({
        kind,
        key: kind,
        name: t(lang, `services:action.${kind}`),
        requires: [...(rule.requires ?? [])],
        blocked: blockedBy(kind),
      });
    }
  }
  if (canBeApologisedFor(d) && mayApologise(p, d))
    out.push({
      kind: 'apology',
      key: 'apology',
      name: t(lang, 'services:action.apology'),
      requires: ['reason'],
      blocked: null,
    });
  const requiresOf = (a: WorkflowAction) =>
    Object.entries(a.requires ?? {})
      .filter(([, v]) => v)
      .map(([k]) => k);
  const nameOf = (a: WorkflowAction) => (lang === 'en' && a.nameEn ? a.nameEn : a.name);
  const open = consultations.filter((c) => !c.answeredAt);
  if (d.status === 4 && d.stepKey && open.length === 0 && mayAct(p, d, LIFECYCLE.step.actors)) {
    for (const a of actionsFrom(def.workflow, d.stepKey))
      out.push({ kind: 'step', key: a.key, name: nameOf(a), requires: requiresOf(a), blocked: null });
  }
  for (const c of open) {
    if (!p.memberships.some((m) => m.roleCode === c.role && c.agencyPath.startsWith(m.agencyPath))) continue;
    for (const a of branchAnswers(def.workflow, c.stepKey, c.joinStepKey))
      out.push({
        kind: 'consult',
        key: `${c.stepKey}:${a.key}`,
        name: nameOf(a),
        requires: requiresOf(a),
        blocked: null,
      });
  }
  return out;
}

type DossierDefinition = typeof procedureVersions.$inferSelect.definition;

/** The full dossier for someone allowed to read it; undefined otherwise (callers answer 404). */
export async function dossierView(db: DbOrTx, p: Principal, id: string, lang: Language) {
  const d = await dossierRow(db, id);
  if (!d || !mayRead(p, d, await agencyPaths(db, d))) return undefined;
  const [summary] = await summaries(db, eq(dossiers.id, id), [asc(dossiers.id)], 1, lang);
  const def = await definitionOf(db, d.procedureVersionId);
  const events = await db
    .select({ event: dossierEvents, agencyName: agencies.name })
    .from(dossierEvents)
    .leftJoin(agencies, eq(agencies.id, dossierEvents.toAgencyId))
    .where(eq(dossierEvents.dossierId, id))
    .orderBy(asc(dossierEvents.id));
  const consultations = await db
    .select({ c: dossierConsultations, agencyName: agencies.name })
    .from(dossierConsultations)
    .innerJoin(agencies, eq(agencies.id, dossierConsultations.agencyId))
    .where(eq(dossierConsultations.dossierId, id))
    .orderBy(asc(dossierConsultations.id));
  const [rated] = await db.select().from(ratings).where(eq(ratings.dossierId, id));
  const attached = await db
    .select({ link: dossierFiles, name: files.name, mime: files.mime })
    .from(dossierFiles)
    .innerJoin(files, eq(files.id, dossierFiles.fileId))
    .where(eq(dossierFiles.dossierId, id));
  return {
    ...summary!,
    revision: d.revision,
    applicant: { ...d.applicant },
    formData: d.formData,
    formSchema: def.form.schema,
    components: attached.map((a) => ({
      componentKey: a.link.componentKey,
      name:
        def.components.find((c) => c.key === a.link.componentKey)?.name ??
        (a.link.componentKey === SUPPLEMENT_COMPONENT
          ? t(lang, 'services:component.supplement')
          : a.link.componentKey),
      fileId: a.link.fileId,
      fileName: a.name,
      mime: a.mime,
      role: a.link.role,
    })),
    procedureComponents: def.components.map((c) => ({
      key: c.key,
      name: lang === 'en' && c.nameEn ? c.nameEn : c.name,
      eForm: c.eForm === true,
    })),
    dueExplanation: d.dueExplanation ? formatExplanation(d.dueExplanation, lang) : null,
    supplementCount: d.supplementCount,
    timeline: events.map((e) => ({
      at: e.event.at.toISOString(),
      action: e.event.action,
      actor: e.event.actorLabel,
      fromStatus: e.event.fromStatus,
      toStatus: e.event.toStatus,
      step: e.event.toStep ? (stepName(def.workflow, e.event.toStep, lang) ?? e.event.toStep) : null,
      fromStep: e.event.fromStep
        ? (stepName(def.workflow, e.event.fromStep, lang) ?? e.event.fromStep)
        : null,
      agency: e.agencyName,
      comment: e.event.comment,
      stepTimeliness: e.event.stepTimeliness,
      data: e.event.data,
    })),
    consultations: consultations.map(({ c, agencyName }) => {
      const step = stepOf(def.workflow, c.stepKey);
      const answer = c.answer
        ? def.workflow.actions.find((a) => a.from === c.stepKey && a.key === c.answer)
        : undefined;
      return {
        step: c.stepKey,
        stepName: step ? (lang === 'en' && step.nameEn ? step.nameEn : step.name) : c.stepKey,
        agencyName,
        openedAt: c.openedAt.toISOString(),
        dueAt: c.dueAt?.toISOString() ?? null,
        answeredAt: c.answeredAt?.toISOString() ?? null,
        answerName: answer ? (lang === 'en' && answer.nameEn ? answer.nameEn : answer.name) : null,
        comment: c.comment,
        timeliness: c.timeliness,
      };
    }),
    actions: allowedActions(
      p,
      d,
      def,
      lang,
      consultations.map((x) => x.c),
      d.status === 1 || d.status === 9 ? await unpaidFees(db, d.id) : [],
    ),
    documents: documentsFor(
      d,
      events.some((e) => e.event.action === 'apology'),
    ),
    rating: rated ? { score: rated.score, ratedAt: rated.createdAt.toISOString() } : null,
  };
}

/** Which generated forms exist for the dossier's history so far. */
export function documentsFor(d: DossierRow, apologised = false): string[] {
  const docs: string[] = [];
  if (d.code) docs.push('01', '06');
  if (d.supplementCount > 0) docs.push('02');
  if (d.status === 3) docs.push('03');
  // Form 04 exists once the processing unit has issued an apology with a new date.
  if (apologised) docs.push('04');
  if (d.status === 8) docs.push('05');
  return docs;
}

/** A dossier as public tracking finds it by its code or receipt number (the PIN is checked by the caller). */
export async function findTracked(db: DbOrTx, reference: string) {
  const ref = normalizeReference(reference);
  const [row] = await db
    .select({
      d: dossiers,
      procedureName: procedures.name,
      holderName: agencies.name,
      definition: procedureVersions.definition,
    })
    .from(dossiers)
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
    .innerJoin(agencies, eq(agencies.id, dossiers.holderAgencyId))
    // The dossier code, or the receipt number given at online submission (ADR 22).
    .where(ref.startsWith('BN-') ? eq(dossiers.receiptNo, ref) : eq(dossiers.code, ref));
  return row;
}
export type TrackedDossier = NonNullable<Awaited<ReturnType<typeof findTracked>>>;

/** What public tracking shows of a dossier: progress, no personal data. */
export async function trackingView(db: DbOrTx, row: TrackedDossier, lang: Language) {
  const events = await db
    .select({ e: dossierEvents, agencyName: agencies.name })
    .from(dossierEvents)
    .leftJoin(agencies, eq(agencies.id, dossierEvents.toAgencyId))
    .where(eq(dossierEvents.dossierId, row.d.id))
    .orderBy(asc(dossierEvents.id));
  return {
    code: row.d.code ?? row.d.receiptNo ?? '',
    receiptNo: row.d.receiptNo,
    procedureName: inLanguage(lang, { name: row.procedureName, nameEn: row.definition.nameEn }),
    status: row.d.status,
    statusName: t(lang, `services:status.${row.d.status}`),
    holderAgencyName: row.holderName,
    dueAt: row.d.dueAt?.toISOString() ?? null,
    dueExplanation: row.d.dueExplanation ? formatExplanation(row.d.dueExplanation, lang) : null,
    timeline: events.map((x) => ({
      at: x.e.at.toISOString(),
      statusName: t(lang, `services:status.${x.e.toStatus}`),
      // the workflow step the dossier entered, so the public timeline says what was done
      stepName: x.e.toStep ? stepName(row.definition.workflow, x.e.toStep, lang) : null,
      agency: x.agencyName,
      stepTimeliness: x.e.stepTimeliness,
    })),
  };
}

/** Whether the principal may read the dossier (as its applicant, or through an agency involved in it). */
export async function mayReadDossier(db: DbOrTx, p: Principal | null, d: DossierRow): Promise<boolean> {
  return !!p && mayRead(p, d, await agencyPaths(db, d));
}

/** The codes of dossiers by id (null for dossiers not accepted yet). */
export async function dossierCodes(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: dossiers.id, code: dossiers.code })
    .from(dossiers)
    .where(inArray(dossiers.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.code]));
}
