// Procedure definitions by version id. A published version never changes (editing publishes a new
// one), so a definition read once is kept: every transition, view and intake needs it, and reading and
// parsing the JSON each time was a visible share of a submission. Frozen, so no caller can alter the
// shared copy.
import { eq } from 'drizzle-orm';
import type { ProcedureDefinition } from '../../../contracts/services.ts';
import type { DbOrTx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { procedureVersions } from './tables.ts';

const MAX_KEPT = 1000;
const kept = new Map<string, ProcedureDefinition>();

export async function definitionOf(db: DbOrTx, versionId: string): Promise<ProcedureDefinition> {
  const hit = kept.get(versionId);
  if (hit) return hit;
  const [row] = await db
    .select({ definition: procedureVersions.definition })
    .from(procedureVersions)
    .where(eq(procedureVersions.id, versionId));
  if (!row) throw new AppError('not_found');
  const def = deepFreeze(row.definition);
  if (kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value!);
  kept.set(versionId, def);
  return def;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
