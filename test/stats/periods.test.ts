// Periods: the formulas on the facts' instants (periods of days) give exactly the rollup's answer for
// every month-aligned period, on generated history (every status, supplements, payments, ratings), for
// the city, a department and each breakdown, past periods and the one still running.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { generateDossiers } from '../../src/server/modules/services/generator/index.ts';
import { rebuildStats } from '../../src/server/modules/stats/index.ts';
import { parsePeriod } from '../../src/server/modules/stats/period.ts';
import {
  type Dimension,
  periodCounts,
  type Slice,
  sumCounts,
} from '../../src/server/modules/stats/queries.ts';
import { startTestPlatform, type TestPlatform } from '../platform.ts';

let t: TestPlatform;
const db = () => t.platform.deps.db;
let department: Slice;
/** October 2026 is still running. */
const NOW = new Date('2026-10-20T10:00:00+07:00');

beforeAll(async () => {
  t = await startTestPlatform();
  await generateDossiers(db(), { count: 400, seed: 11, until: new Date('2026-11-01T00:00:00+07:00') });
  await rebuildStats(db());
  // The department deciding the most dossiers, and everything below it.
  const rows = await queryRows<{ id: string }>(
    db(),
    sql`with top as (
          select a.path from stats_dossier_facts f join id_agencies a on a.id = f.agency_id
          where a.parent_id is not null group by a.path order by count(*) desc limit 1)
        select a.id from id_agencies a, top where a.path like top.path || '%'`,
  );
  department = { agencyIds: rows.map((r) => r.id) };
}, 120_000);
afterAll(() => t.close());

const answer = async (label: string, slice: Slice, dim: Dimension | null, source: 'rollup' | 'facts') =>
  Object.fromEntries(
    [...(await periodCounts(db(), parsePeriod(label), slice, NOW, dim, source)).entries()].sort(([a], [b]) =>
      a.localeCompare(b),
    ),
  );

describe('month-aligned periods: facts and rollup agree', () => {
  const PERIODS = [
    '2025-11',
    '2026-01',
    '2026-06',
    '2026-09',
    '2026-10',
    '2026-Q3',
    '2026-Q4',
    '2026',
    '2025-12..2026-02',
  ];

  it.each(PERIODS)('%s', async (label) => {
    for (const slice of [
      { agencyIds: null },
      department,
      { agencyIds: null, channel: 'online' },
    ] as Slice[]) {
      for (const dim of [null, 'agency', 'procedure', 'channel'] as const) {
        const rollup = await answer(label, slice, dim, 'rollup');
        expect(await answer(label, slice, dim, 'facts'), `${label} ${dim}`).toEqual(rollup);
      }
    }
  });

  it('the history is rich enough to mean something', async () => {
    const [city] = (await periodCounts(db(), parsePeriod('2026-09'), { agencyIds: null }, NOW)).values();
    expect(city!.receivedNew).toBeGreaterThan(5);
    expect(city!.carriedOver).toBeGreaterThan(0);
    expect(city!.finished).toBeGreaterThan(0);
    expect(city!.within + city!.over).toBeGreaterThan(0);
    const [current] = (await periodCounts(db(), parsePeriod('2026-10'), { agencyIds: null }, NOW)).values();
    expect(current!.within + current!.over + current!.paused).toBeGreaterThan(0);
  });
});

describe('periods of days', () => {
  it('a range of days is the facts; whole months of days are the months', () => {
    expect(parsePeriod('2026-09-05..2026-09-20')).toMatchObject({ unit: 'day', from: 202609, to: 202609 });
    expect(parsePeriod('2026-09-01..2026-10-31')).toMatchObject({ unit: 'month', from: 202609, to: 202610 });
  });

  it('split at any day, two adjacent ranges add up to the whole for what happens inside them', async () => {
    const total = async (label: string) =>
      sumCounts((await periodCounts(db(), parsePeriod(label), { agencyIds: null }, NOW)).values());
    const whole = await total('2026-09');
    const first = await total('2026-09-01..2026-09-17');
    const second = await total('2026-09-18..2026-09-30');
    expect(first.receivedNew).toBeGreaterThan(0);
    expect(second.receivedNew).toBeGreaterThan(0);
    for (const k of [
      'receivedNew',
      'pending',
      'refused',
      'early',
      'onTime',
      'late',
      'finished',
      'minutes',
    ] as const)
      expect(first[k] + second[k], k).toBe(whole[k]);
    // What is open at the end of the first part is carried into the second.
    expect(second.carriedOver).toBe(
      first.carriedOver + first.receivedNew - first.finished - first.withdrawn - first.stopped,
    );
    // The second part ends with the month: the same dossiers are open at its end.
    expect([second.within, second.over]).toEqual([whole.within, whole.over]);
  });
});
