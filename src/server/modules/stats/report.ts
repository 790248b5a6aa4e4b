// The figures routes and exports present: an overview (counts, indicators, points), breakdowns by
// unit/procedure/sector/channel, and the fair ranking of departments and communes.
import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../platform/db/client.ts';
import type { Period } from './period.ts';
import type { AgencyInfo } from './policy.ts';
import { topUnitOf } from './policy.ts';
import {
  type Counts,
  emptyCounts,
  type Indicators,
  indicatorsOf,
  isCurrent,
  periodCounts,
  type Score,
  type Slice,
  scoreOf,
  sumCounts,
} from './queries.ts';
import { statsSettings } from './settings.ts';
import { compareVietnamese } from '../../../contracts/collation.ts';

export interface OverviewResult {
  counts: Counts;
  indicators: Indicators;
  score: Score;
  current: boolean;
}

export async function overview(db: DbOrTx, p: Period, slice: Slice, now: Date): Promise<OverviewResult> {
  const counts = sumCounts((await periodCounts(db, p, slice, now)).values());
  const indicators = indicatorsOf(counts);
  return { counts, indicators, score: scoreOf(indicators, statsSettings()), current: isCurrent(p, now) };
}

export interface BreakdownItem {
  key: string;
  label: string;
  /** the unit's electronic identifier code or the procedure's code; the key itself for sectors and channels */
  code: string;
  agencyId: string | null;
  counts: Counts;
  indicators: Indicators;
  points: number;
}

/** Per top-level unit, procedure, sector or channel, sorted by label. */
export async function breakdown(
  db: DbOrTx,
  p: Period,
  slice: Slice,
  by: 'unit' | 'procedure' | 'sector' | 'channel',
  agencies: AgencyInfo[],
  now: Date,
  lang: 'vi' | 'en',
): Promise<BreakdownItem[]> {
  const dim = by === 'unit' ? 'agency' : by;
  const raw = await periodCounts(db, p, slice, now, dim);
  const grouped = new Map<string, Counts[]>();
  const labels = new Map<string, string>();
  const codes = new Map<string, string>();
  const agencyOf = new Map<string, string>();
  if (by === 'unit') {
    for (const [agencyId, c] of raw) {
      const unit = topUnitOf(agencies, agencyId);
      const key = unit?.id ?? agencyId;
      grouped.set(key, [...(grouped.get(key) ?? []), c]);
      labels.set(key, unit ? (lang === 'en' && unit.nameEn ? unit.nameEn : unit.name) : key);
      if (unit) codes.set(key, unit.code);
      agencyOf.set(key, key);
    }
  } else {
    for (const [k, c] of raw) grouped.set(k, [c]);
    if (by === 'procedure' || by === 'sector') {
      const rows = await queryRows<{ k: string; label: string; code: string }>(
        db,
        by === 'procedure'
          ? sql`select id::text as k, code || ' — ' || name as label, code from svc_procedures`
          : sql`select distinct sector_code as k, sector_name as label, sector_code as code from svc_procedures`,
      );
      for (const r of rows) {
        labels.set(r.k, r.label);
        codes.set(r.k, r.code);
      }
    }
  }
  const settings = statsSettings();
  return [...grouped.entries()]
    .map(([key, list]) => {
      const counts = list.length === 1 ? list[0]! : sumCounts(list);
      const indicators = indicatorsOf(counts);
      return {
        key,
        label: labels.get(key) ?? key,
        code: codes.get(key) ?? key,
        agencyId: agencyOf.get(key) ?? null,
        counts,
        indicators,
        points: scoreOf(indicators, settings).total,
      };
    })
    .sort((a, b) => compareVietnamese(a.label, b.label));
}

export interface RankingItem {
  agencyId: string;
  code: string;
  name: string;
  unitCode: string;
  volume: number;
  ranked: boolean;
  rank: number | null;
  points: number;
  progress: number | null;
  online: number | null;
  lateRate: number | null;
}

/**
 * Departments or communes ranked by points; a unit with fewer received dossiers than the minimum is
 * listed (with its figures) but not ranked, so one late dossier out of three cannot top or sink a table.
 */
export async function ranking(
  db: DbOrTx,
  p: Period,
  slice: Slice,
  level: 'department' | 'commune',
  agencies: AgencyInfo[],
  now: Date,
  lang: 'vi' | 'en',
): Promise<{ minVolume: number; items: RankingItem[] }> {
  const settings = statsSettings();
  const root = agencies.find((a) => a.parentId === null);
  const units = agencies.filter(
    (a) =>
      a.parentId === root?.id &&
      (level === 'commune' ? a.kind === 'peoples_committee' : a.kind !== 'peoples_committee'),
  );
  const rows = await breakdown(db, p, slice, 'unit', agencies, now, lang);
  const byId = new Map(rows.map((r) => [r.key, r]));
  const visible = slice.agencyIds ? new Set(slice.agencyIds) : null;
  const items = units
    .filter((u) => !visible || visible.has(u.id) || byId.has(u.id))
    .map((u): RankingItem => {
      const r = byId.get(u.id);
      const ind = r?.indicators ?? indicatorsOf(emptyCounts());
      const volume = ind.received;
      return {
        agencyId: u.id,
        code: u.code,
        name: lang === 'en' && u.nameEn ? u.nameEn : u.name,
        unitCode: u.unitCode,
        volume,
        ranked: volume >= settings.minVolumeForRanking,
        rank: null,
        points: r?.points ?? 0,
        progress: ind.progress,
        online: ind.online,
        lateRate: ind.lateRate,
      };
    })
    .sort(
      (a, b) =>
        Number(b.ranked) - Number(a.ranked) || b.points - a.points || compareVietnamese(a.name, b.name),
    );
  let rank = 0;
  for (const it of items) if (it.ranked) it.rank = ++rank;
  return { minVolume: settings.minVolumeForRanking, items };
}
