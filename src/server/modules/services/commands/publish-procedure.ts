import { and, desc, eq, sql } from 'drizzle-orm';
import { ProcedureDefinition } from '../../../../contracts/services.ts';
import { requireCityPermission } from '../../../platform/access.ts';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { DbOrTx, Tx } from '../../../platform/db/client.ts';
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

/** Publishes a procedure: the first version, or a new version effective from a date. */
export async function publishProcedure(tx: Tx, ctx: ActionContext, input: PublishInput, roleCodes: string[]) {
  // A version applies to every agency offering the procedure: a city-level permission.
  if (ctx.actor) requireCityPermission(ctx.actor, 'procedures.manage');
  const def = await checkDefinition(tx, input.definition, roleCodes);
  const effectiveFrom = input.effectiveFrom ?? new Date();
  const searchText = foldVietnamese(`${def.name} ${def.code} ${def.sector.name}`);
  let [procedure] = await tx.select().from(procedures).where(eq(procedures.code, def.code));
  if (!procedure) {
    [procedure] = await tx
      .insert(procedures)
      .values({
        code: def.code,
        name: def.name,
        sectorCode: def.sector.code,
        sectorName: def.sector.name,
        searchText,
      })
      .returning();
  } else {
    await tx
      .update(procedures)
      .set({ name: def.name, sectorCode: def.sector.code, sectorName: def.sector.name, searchText })
      .where(eq(procedures.id, procedure.id));
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
      createdBy: ctx.actor?.userId ?? null,
    })
    .returning();
  if (input.agencies) {
    await tx.delete(procedureAgencies).where(eq(procedureAgencies.procedureId, procedure!.id));
    if (input.agencies.length)
      await tx
        .insert(procedureAgencies)
        .values(input.agencies.map((a) => ({ ...a, procedureId: procedure!.id })))
        .onConflictDoNothing();
  }
  await audit(tx, ctx, {
    action: version === 1 ? 'procedure.create' : 'procedure.new_version',
    targetType: 'procedure',
    targetId: def.code,
    summary: { version, effectiveFrom: effectiveFrom.toISOString(), agencies: input.agencies?.length },
  });
  await emit(tx, {
    type: 'services.procedure_published',
    aggregateType: 'procedure',
    aggregateId: procedure!.id,
    payload: { code: def.code, version },
    audience: { public: true },
  });
  return { procedure: procedure!, version: row! };
}

/** The version in force at a moment: the latest whose effective date has come. */
export async function versionInForce(db: DbOrTx, procedureId: string, at: Date) {
  const [row] = await db
    .select()
    .from(procedureVersions)
    .where(
      and(
        eq(procedureVersions.procedureId, procedureId),
        sql`${procedureVersions.effectiveFrom} <= ${at.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(desc(procedureVersions.effectiveFrom), desc(procedureVersions.version))
    .limit(1);
  return row;
}
