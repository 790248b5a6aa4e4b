// The leader's view: exceptions first (overdue work, indicators behind target, critical alerts), fair
// league tables of departments and communes, and the drill-down city → commune → the dossiers behind a
// figure. League tables and dossiers come from the statistics module's door, under its own scope rules
// (`stats.read` over an agency subtree): a viewer without it sees the exceptions but no dossiers.
import type { Principal } from '../../platform/access.ts';
import { scopePaths } from '../../platform/access.ts';
import type { Db, DbOrTx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { listAgencies } from '../identity/index.ts';
import { currentMonthLabel, drillDown, ranking, statsRead, statsRequest } from '../stats/index.ts';
import { alertQueue, indicatorDetail, latestIndicatorValues, stations } from './queries.ts';

/** The figures a leader may open from the view, and the statistics figure behind each. */
export const DRILL_FIGURES = {
  overdue: 'over',
  in_time: 'within',
  received: 'received_new',
  late: 'late',
} as const;
export type DrillFigure = keyof typeof DRILL_FIGURES;

/** The indicators whose commune values are counts of overdue work, in the order shown. */
const OVERDUE_CODES = ['svc.overdue', 'fb.overdue'] as const;

const COMMUNE_PREFIX = /^(Ủy ban nhân dân|UBND)\s+/i;

/** Commune code → its name ("Phường Thủ Dầu Một"), from the communes' People's Committees. */
export async function communeNames(
  db: DbOrTx,
): Promise<Map<string, { name: string; nameEn: string | null }>> {
  const out = new Map<string, { name: string; nameEn: string | null }>();
  for (const { agency: a } of await listAgencies(db))
    if (a.kind === 'peoples_committee' && /^\d{5}$/.test(a.unitCode))
      out.set(a.unitCode, {
        name: a.name.replace(COMMUNE_PREFIX, ''),
        nameEn: a.nameEn?.replace(/^People's Committee of\s+/i, '') ?? null,
      });
  return out;
}

const mayReadStats = (p: Principal | null) => scopePaths(p, 'stats.read').length > 0;

/** The fair league tables (ranked only above the minimum volume) of the current month. */
async function leagues(db: Db, principal: Principal | null, now: Date, lang: 'vi' | 'en') {
  if (!mayReadStats(principal)) return null;
  const r = await statsRequest(db, principal, { period: currentMonthLabel(now) });
  return statsRead(db, async (tx) => {
    const communes = await ranking(tx, r.period, r.slice, 'commune', r.agencies, r.now, lang);
    const departments = await ranking(tx, r.period, r.slice, 'department', r.agencies, r.now, lang);
    return {
      period: r.period.label,
      minVolume: communes.minVolume,
      communes: communes.items,
      departments: departments.items,
    };
  });
}

export async function leaderView(db: Db, principal: Principal | null, now: Date, lang: 'vi' | 'en') {
  const names = await communeNames(db);
  const city = await latestIndicatorValues(db, now);
  const open = await alertQueue(db);
  const overdue = [];
  for (const code of OVERDUE_CODES) {
    const tile = city.find((i) => i.code === code);
    if (!tile) continue;
    const detail = await indicatorDetail(db, code, now);
    overdue.push({
      code,
      name: tile.name,
      nameEn: tile.nameEn,
      unit: tile.unit,
      value: tile.value,
      asOf: tile.asOf,
      stale: tile.stale,
      // The communes carrying the most overdue work first; a stale commune value is not a zero.
      communes: (detail?.communes ?? [])
        .filter((c) => (c.value ?? 0) > 0)
        .sort((a, b) => (b.value ?? 0) - (a.value ?? 0))
        .slice(0, 10)
        .map((c) => ({
          communeCode: c.communeCode,
          name: names.get(c.communeCode)?.name ?? c.communeCode,
          value: c.value,
          stale: c.stale,
        })),
    });
  }
  return {
    now: now.toISOString(),
    exceptions: {
      overdue,
      behindTarget: city.filter((i) => i.behindTarget),
      criticalAlerts: open.filter(
        (a) => a.status === 'active' && (a.severity === 'critical' || a.severity === 'major'),
      ),
    },
    leagues: await leagues(db, principal, now, lang),
    mayDrill: mayReadStats(principal),
    indicators: city,
  };
}

/** One commune: its indicators, its open alerts and stations, and the city's value beside each. */
export async function communeView(db: Db, code: string, now: Date) {
  const names = await communeNames(db);
  const name = names.get(code);
  if (!name) return undefined;
  const values = await latestIndicatorValues(db, now, 'commune', code);
  const city = new Map((await latestIndicatorValues(db, now)).map((i) => [i.code, i.value]));
  return {
    code,
    name: name.name,
    nameEn: name.nameEn,
    indicators: values
      .filter((i) => i.levels.includes('commune'))
      .map((i) => ({ ...i, cityValue: city.get(i.code) ?? null })),
    alerts: (await alertQueue(db)).filter((a) => a.communeCode === code),
    stations: (await stations(db, now)).filter((s) => s.communeCode === code),
  };
}

/** The dossiers behind a commune's figure, through the statistics module (its scope rules apply). */
export async function communeDossiers(
  db: Db,
  principal: Principal | null,
  q: { commune: string; figure: DrillFigure; offset: number; limit: number },
) {
  if (!mayReadStats(principal)) throw new AppError('forbidden');
  const r = await statsRequest(db, principal, { period: currentMonthLabel(), commune: q.commune });
  const page = await statsRead(db, (tx) =>
    drillDown(tx, r.period, r.slice, DRILL_FIGURES[q.figure], r.now, { limit: q.limit, offset: q.offset }),
  );
  return { figure: q.figure, ...page };
}
