import { and, eq, sql } from 'drizzle-orm';
import type { ProcedureDefinition } from '../../../contracts/services.ts';
import { systemContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { agencies, roleCodes as listRoleCodes } from '../identity/index.ts';
import { publishProcedure } from './commands/publish-procedure.ts';
import { procedures } from './tables.ts';

/**
 * Publishes procedures for the demo city: commune procedures at every commune People's Committee of
 * former Bình Dương, department procedures at the city's Public Administration Service Centre.
 * Procedures already present are left alone (idempotent).
 */
export async function seedProcedures(
  tx: Tx,
  definitions: readonly ProcedureDefinition[],
  effectiveFrom = new Date('2025-07-01T00:00:00+07:00'),
) {
  const roleCodes = await listRoleCodes(tx);
  const communes = await tx
    .select({ id: agencies.id })
    .from(agencies)
    .where(and(eq(agencies.kind, 'peoples_committee'), sql`length(${agencies.unitCode}) = 5`));
  const [centre] = await tx
    .select({ id: agencies.id })
    .from(agencies)
    .where(eq(agencies.kind, 'service_centre'))
    .limit(1);
  let published = 0;
  for (const def of definitions) {
    const [existing] = await tx
      .select({ id: procedures.id })
      .from(procedures)
      .where(eq(procedures.code, def.code));
    if (existing) continue;
    const receivers = def.competent.kind === 'receiving_commune' ? communes : centre ? [centre] : [];
    await publishProcedure(
      tx,
      systemContext('seed'),
      {
        definition: def,
        effectiveFrom,
        agencies: receivers.map((a) => ({ agencyId: a.id, serviceLevel: def.serviceLevel })),
      },
      roleCodes,
    );
    published++;
  }
  return published;
}
