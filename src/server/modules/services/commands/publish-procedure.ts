import { and, asc, desc, eq, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import { ProcedureDefinition } from '../../../../contracts/services.ts';
import { requireCityPermission } from '../../../platform/access.ts';
import { audit } from '../../../platform/audit/index.ts';
import { type ActionContext, systemContext } from '../../../platform/context.ts';
import type { Db, DbOrTx, Tx } from '../../../platform/db/client.ts';
import { emit } from '../../../platform/events/index.ts';
import { AppError, type FieldProblem } from '../../../platform/errors.ts';
import { getAgencyByCode } from '../../identity/index.ts';
import { foldVietnamese } from '../search.ts';
import { procedureAgencies, procedures, procedureVersions } from '../tables.ts';
import { validateWorkflow } from '../workflow.ts';

export interface PublishInput {
  definition: unknown;
  /** from when the new version applies (default now); earlier dossiers keep their version */
  effectiveFrom?: Date;
  /** agencies offering it, with their service level; unchanged when omitted on a new version */
  agencies?: { agencyId: string; serviceLevel: 'full' | 'partial' }[];
}

async function checkDefinition(tx: DbOrTx, raw: unknown, roleCodes: string[]) {
  const parsed = ProcedureDefinition.safeParse(raw);
  if (!parsed.success) {
    throw new AppError(
      'validation',
      {},
      parsed.error.issues.map((i) => ({
        field: ['body', 'definition', ...i.path.map(String)].join('.'),
        key: i.message.startsWith('field.') ? i.message : 'field.invalid',
      })),
    );
  }
  const def = parsed.data;
  const problems: FieldProblem[] = validateWorkflow(def.workflow, roleCodes).map((p) => ({
    field: `body.definition.${p.path}`,
    key: `field.${p.key.replace('.', '_')}`,
    params: p.params,
  }));
  const codes = [
    ...new Set([
      ...def.workflow.steps.flatMap((s) => (typeof s.agency === 'object' ? [s.agency.code] : [])),
      ...(def.competent.kind === 'fixed' ? [def.competent.code] : []),
    ]),
  ];
  for (const code of codes) {
    if (!(await getAgencyByCode(tx, code)))
      problems.push({ field: 'body.definition', key: 'field.unknown_agency', params: { code } });
  }
  if (problems.length) throw new AppError('validation', {}, problems);
  return def;
}

/**
 * Publishes a procedure: the first version, or a new version effective from a date. A version dated
 * now or earlier takes effect at once; one dated later is scheduled and changes nothing (the name shown
 * in search and tracking, the agencies offering it) until `applyDueVersions` finds its date has come.
 */
export async function publishProcedure(tx: Tx, ctx: ActionContext, input: PublishInput, roleCodes: string[]) {
  // A version applies to every agency offering the procedure: a city-level permission.
  if (ctx.actor) requireCityPermission(ctx.actor, 'procedures.manage');
  const def = await checkDefinition(tx, input.definition, roleCodes);
  const now = new Date();
  const effectiveFrom = input.effectiveFrom ?? now;
  const scheduled = effectiveFrom.getTime() > now.getTime();
  let [procedure] = await tx.select().from(procedures).where(eq(procedures.code, def.code));
  if (!procedure) {
    // A new procedure needs its row at once (its code is taken); it is offered nowhere until in force.
    [procedure] = await tx.insert(procedures).values(procedureRow(def)).returning();
  }
  const [last] = await tx
    .select({ version: procedureVersions.version })
    .from(procedureVersions)
    .where(eq(procedureVersions.procedureId, procedure!.id))
    .orderBy(desc(procedureVersions.version))
    .limit(1);
  const version = (last?.version ?? 0) + 1;
  const [row] = await tx
    .insert(procedureVersions)
    .values({
      procedureId: procedure!.id,
      version,
      effectiveFrom,
      definition: def,
      agencies: input.agencies ?? null,
      createdBy: ctx.actor?.userId ?? null,
    })
    .returning();
  await audit(tx, ctx, {
    action: version === 1 ? 'procedure.create' : 'procedure.new_version',
    targetType: 'procedure',
    targetId: def.code,
    summary: {
      version,
      effectiveFrom: effectiveFrom.toISOString(),
      scheduled,
      agencies: input.agencies?.length,
    },
  });
  if (!scheduled) await takeEffect(tx, procedure!.id, row!);
  return { procedure: procedure!, version: row!, scheduled };
}

const procedureRow = (def: ProcedureDefinition) => ({
  code: def.code,
  name: def.name,
  sectorCode: def.sector.code,
  sectorName: def.sector.name,
  searchText: foldVietnamese(`${def.name} ${def.code} ${def.sector.name}`),
});

/** A version takes effect: the procedure shows its name, and its agencies (when it names them) offer it. */
async function takeEffect(tx: Tx, procedureId: string, v: typeof procedureVersions.$inferSelect) {
  await tx.update(procedures).set(procedureRow(v.definition)).where(eq(procedures.id, procedureId));
  if (v.agencies) {
    await tx.delete(procedureAgencies).where(eq(procedureAgencies.procedureId, procedureId));
    if (v.agencies.length)
      await tx
        .insert(procedureAgencies)
        .values(v.agencies.map((a) => ({ ...a, procedureId })))
        .onConflictDoNothing();
  }
  await tx.update(procedureVersions).set({ appliedAt: new Date() }).where(eq(procedureVersions.id, v.id));
  await emit(tx, {
    type: 'services.procedure_published',
    aggregateType: 'procedure',
    aggregateId: procedureId,
    payload: { code: v.definition.code, version: v.version },
    audience: { public: true },
  });
}

/**
 * Scheduled versions whose date has come take effect, oldest first, each in its own transaction
 * (a periodic job; ADR 2). A later version that is already applied wins: an older scheduled one whose
 * date passed after it is marked applied without changing anything.
 */
export async function applyDueVersions(db: Db, at = new Date()): Promise<number> {
  const due = await db
    .select({ id: procedureVersions.id })
    .from(procedureVersions)
    .where(and(isNull(procedureVersions.appliedAt), lte(procedureVersions.effectiveFrom, at)))
    .orderBy(asc(procedureVersions.effectiveFrom), asc(procedureVersions.version));
  let applied = 0;
  for (const { id } of due) {
    await db.transaction(async (tx) => {
      const [v] = await tx
        .select()
        .from(procedureVersions)
        .where(and(eq(procedureVersions.id, id), isNull(procedureVersions.appliedAt)))
        .for('update');
      if (!v) return; // another node applied it
      const inForce = await versionInForce(tx, v.procedureId, at);
      const superseded =
        inForce &&
        (inForce.effectiveFrom > v.effectiveFrom ||
          (inForce.effectiveFrom.getTime() === v.effectiveFrom.getTime() && inForce.version > v.version));
      if (superseded) {
        await tx.update(procedureVersions).set({ appliedAt: at }).where(eq(procedureVersions.id, v.id));
        return;
      }
      await takeEffect(tx, v.procedureId, v);
      await audit(tx, systemContext('services.versions'), {
        action: 'procedure.version_in_force',
        targetType: 'procedure',
        targetId: v.definition.code,
        summary: { version: v.version, effectiveFrom: v.effectiveFrom.toISOString() },
      });
      applied += 1;
    });
  }
  return applied;
}

/**
 * The version in force at a moment: the latest, by date, of those that have taken effect (a scheduled
 * version whose date has just come counts once `applyDueVersions` has applied it, so that its text, name
 * and agencies change together).
 */
export async function versionInForce(db: DbOrTx, procedureId: string, at: Date) {
  const [row] = await db
    .select()
    .from(procedureVersions)
    .where(
      and(
        eq(procedureVersions.procedureId, procedureId),
        isNotNull(procedureVersions.appliedAt),
        sql`${procedureVersions.effectiveFrom} <= ${at.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(desc(procedureVersions.effectiveFrom), desc(procedureVersions.version))
    .limit(1);
  return row;
}
