// Reads every registered indicator provider: their definitions into the registry, their current values
// into the value history (the row of the current period is rewritten; earlier periods stay).
import { sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { insertRows } from '../../../platform/db/statement.ts';
import { indicatorProviders } from '../../../platform/indicators.ts';
import type { Logger } from '../../../platform/log.ts';
import { indicators, indicatorValues } from '../tables.ts';

export async function syncIndicators(db: Db, log: Logger, now = new Date()): Promise<number> {
  let written = 0;
  for (const provider of indicatorProviders()) {
    try {
      const values = await provider.compute(db, now);
      await db.transaction(async (tx) => {
        for (const d of provider.indicators)
          await tx
            .insert(indicators)
            .values({ ...d, source: provider.source, updatedAt: now })
            .onConflictDoUpdate({
              target: indicators.code,
              set: {
                name: d.name,
                nameEn: d.nameEn,
                unit: d.unit,
                source: provider.source,
                granularity: d.granularity,
                freshnessSeconds: d.freshnessSeconds,
                direction: d.direction,
                levels: d.levels,
                updatedAt: now,
              },
            });
        if (values.length === 0) return;
        await tx.execute(
          sql`${insertRows(
            indicatorValues,
            values.map((v) => ({
              indicatorCode: v.code,
              level: v.level,
              areaCode: v.areaCode,
              time: v.time,
              value: v.value,
              asOf: v.asOf,
              source: provider.source,
            })),
          )} on conflict (indicator_code, level, area_code, time) do update set value = excluded.value, as_of = excluded.as_of, source = excluded.source`,
        );
      });
      written += values.length;
    } catch (err) {
      // One provider failing leaves the others' figures fresh; its own turn stale on the wall.
      log.warn({ source: provider.source, err: (err as Error).message }, 'indicator provider failed');
    }
  }
  return written;
}
