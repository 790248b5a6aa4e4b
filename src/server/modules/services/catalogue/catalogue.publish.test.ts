// The catalogue against the seeded demo city: every procedure publishes through the same checks an
// administrator's publication goes through (schema, workflow, roles from the database, agency codes).
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../../test/platform.ts';
import { queryRows } from '../../../platform/db/client.ts';
import { seedProcedures } from '../seed.ts';
import { procedureAgencies, procedures, procedureVersions } from '../tables.ts';
import { DEMO_PROCEDURES, ROLE_CODES } from './index.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.database.close();
  await t.drop();
});

describe('publishing the demo catalogue', () => {
  it('uses only roles the demo city has', async () => {
    const rows = await queryRows<{ code: string }>(t.database.db, sql`select code from id_roles`);
    expect(rows.map((r) => r.code)).toEqual(expect.arrayContaining([...ROLE_CODES]));
  });

  it('publishes every procedure once, at the communes or the service centre', async () => {
    const db = t.database.db;
    // The test template is the seeded demo city, so the catalogue is there already: seeding again adds nothing.
    expect(await db.transaction((tx) => seedProcedures(tx, DEMO_PROCEDURES))).toBe(0);

    for (const def of DEMO_PROCEDURES) {
      const [row] = await db.select().from(procedures).where(eq(procedures.code, def.code));
      expect(row, def.code).toBeDefined();
      const versions = await db
        .select()
        .from(procedureVersions)
        .where(eq(procedureVersions.procedureId, row!.id));
      expect(
        versions.map((v) => v.version),
        def.code,
      ).toEqual([1]);
      const offered = await db
        .select()
        .from(procedureAgencies)
        .where(eq(procedureAgencies.procedureId, row!.id));
      expect(offered.length, def.code).toBeGreaterThan(def.competent.kind === 'receiving_commune' ? 1 : 0);
      for (const o of offered) expect(o.serviceLevel, def.code).toBe(def.serviceLevel);
    }
  });
});
