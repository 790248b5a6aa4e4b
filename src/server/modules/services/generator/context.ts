// What the generator reads once from the database: the former Bình Dương communes, the agencies, the
// published procedures and where they are offered, the officials with accounts, the working
// calendar and the code counters already used in the window.
import { sql } from 'drizzle-orm';
import { localDayOf } from '../../../platform/calendar/index.ts';
import { type DbOrTx, queryRows } from '../../../platform/db/client.ts';
import type { ProcedureDefinition } from '../../../../contracts/services.ts';
import { activeOfficials } from '../../identity/index.ts';
import { INBOX_ROLES, type Seat } from './inboxes.ts';
import { loadCalendar } from '../clock.ts';
import type { AgencyRef, BuildContext, CommuneRef, Official, ProcedureRef, VersionRef } from './types.ts';
import { personName } from './names.ts';
import { hashSeed, Rng, Weighted } from './prng.ts';
import { communeWeight, DAY_MS, DEFAULT_PROCEDURE_SHARE, PROCEDURE_SHARE } from './volumes.ts';

/** The tag of the communes of the former Bình Dương province in the reference units. */
export const BINH_DUONG_TAG = 'binh-duong-cu';

/** Per-agency, per-day sequence numbers: continues after what is stored, remembers what it handed out. */
export class CodeCounters {
  private readonly last = new Map<string, number>();
  private touched = new Map<string, number>();

  constructor(
    private readonly offsetMs: number,
    stored: readonly { agency_code: string; day: string; last: number }[],
  ) {
    for (const r of stored) this.last.set(`${r.agency_code}|${r.day}`, Number(r.last));
  }

  allocate(agencyCode: string, at: number): string {
    const day = new Date(at + this.offsetMs).toISOString().slice(0, 10);
    const key = `${agencyCode}|${day}`;
    const n = (this.last.get(key) ?? 0) + 1;
    this.last.set(key, n);
    this.touched.set(key, n);
    return `${agencyCode}-${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}-${String(n).padStart(4, '0')}`;
  }

  /** The counters moved since the last call, as rows for svc_dossier_counters. */
  drain(): { agency_code: string; day: string; last: number }[] {
    const rows = [...this.touched].map(([key, last]) => {
      const [agency_code, day] = key.split('|') as [string, string];
      return { agency_code, day, last };
    });
    this.touched = new Map();
    return rows;
  }
}

const SECTOR_GROUP: Record<string, string> = {
  ho_tich: 'tu_phap',
  chung_thuc: 'tu_phap',
  dat_dai: 'dia_chinh',
  hoat_dong_xay_dung: 'dia_chinh',
};

function titleOf(agency: AgencyRef, role: string, group: string, i: number): string | null {
  const ward = agency.name.includes('Phường');
  const commune = agency.kind === 'peoples_committee';
  switch (role) {
    case 'one_stop_officer':
      return agency.kind === 'service_centre'
        ? 'Viên chức Trung tâm Phục vụ hành chính công'
        : 'Cán bộ Một cửa';
    case 'specialist':
      if (!commune) return 'Chuyên viên';
      return group === 'tu_phap'
        ? 'Công chức Tư pháp – Hộ tịch'
        : group === 'dia_chinh'
          ? 'Công chức Địa chính – Xây dựng'
          : 'Công chức Kinh tế';
    case 'division_head':
      if (!commune) return i === 0 ? 'Trưởng phòng' : 'Phó Trưởng phòng';
      return ward ? 'Trưởng phòng Kinh tế, Hạ tầng và Đô thị' : 'Trưởng phòng Kinh tế';
    case 'agency_leader':
      if (!commune) return i === 0 ? 'Giám đốc Sở' : 'Phó Giám đốc Sở';
      return `${i === 0 ? 'Chủ tịch' : 'Phó Chủ tịch'} UBND ${ward ? 'phường' : 'xã'}`;
    default:
      return null;
  }
}

function poolSize(agency: AgencyRef, role: string): number {
  if (role === 'one_stop_officer') return agency.kind === 'service_centre' ? 6 : 3;
  if (role === 'specialist') return agency.kind === 'department' ? 4 : 2;
  return 2;
}

export interface LoadedContext {
  ctx: BuildContext;
  counters: CodeCounters;
  communeCount: number;
  procedureCount: number;
  /** the agencies and processing roles real accounts hold (the demo's inboxes) */
  seats: Seat[];
}

/** Reads everything the build needs; `until` is exclusive, the window starts 24 months before it. */
export async function loadContext(
  db: DbOrTx,
  opts: { seed: number; from: number; until: number },
): Promise<LoadedContext> {
  const calendar = await loadCalendar(db);
  const agencies = await queryRows<AgencyRef & { unit_code: string }>(
    db,
    sql`select id, code, path, name, kind, unit_code from id_agencies where active order by code`,
  );
  const agencyById = new Map(agencies.map((a) => [a.id, a]));
  const agencyByCode = new Map(agencies.map((a) => [a.code, a]));
  const communeRows = await queryRows<{
    agency_id: string;
    unit_code: string;
    full_name: string;
    area_km2: number | null;
  }>(
    db,
    sql`select a.id as agency_id, u.code as unit_code, u.full_name, u.area_km2
        from id_agencies a join id_units u on u.code = a.unit_code and u.valid_to is null
        where a.kind = 'peoples_committee' and a.active and ${BINH_DUONG_TAG} = any(u.tags)
        order by u.code`,
  );
  const communes: CommuneRef[] = communeRows.map((r) => ({
    agency: agencyById.get(r.agency_id)!,
    unitCode: r.unit_code,
    fullName: r.full_name,
    weight: communeWeight(r.unit_code, r.full_name, r.area_km2 === null ? null : Number(r.area_km2)),
  }));
  if (communes.length === 0)
    throw new Error(
      `No commune agencies tagged ${BINH_DUONG_TAG}: load the demo city first (cqs seed --demo).`,
    );
  const communeByAgency = new Map(communes.map((c) => [c.agency.id, c]));

  const procedureRows = await queryRows<{ id: string; code: string }>(
    db,
    sql`select id, code from svc_procedures where active order by code`,
  );
  const versionRows = await queryRows<{
    id: string;
    procedure_id: string;
    effective_from: Date | string;
    definition: ProcedureDefinition;
  }>(
    db,
    sql`select id, procedure_id, effective_from, definition from svc_procedure_versions where applied_at is not null order by procedure_id, effective_from, version`,
  );
  const offerRows = await queryRows<{ procedure_id: string; agency_id: string }>(
    db,
    sql`select procedure_id, agency_id from svc_procedure_agencies order by procedure_id, agency_id`,
  );
  const procedures: ProcedureRef[] = [];
  for (const p of procedureRows) {
    const versions: VersionRef[] = versionRows
      .filter((v) => v.procedure_id === p.id)
      .map((v) => ({ id: v.id, effectiveFrom: new Date(v.effective_from).getTime(), def: v.definition }));
    if (versions.length === 0) continue;
    const def = versions[versions.length - 1]!.def;
    const offered = offerRows
      .filter((o) => o.procedure_id === p.id)
      .map((o) => agencyById.get(o.agency_id))
      .filter((a): a is AgencyRef & { unit_code: string } => Boolean(a))
      // by code, not by the (random) id, so the same seed picks the same places in any database
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    const share = PROCEDURE_SHARE[p.code] ?? DEFAULT_PROCEDURE_SHARE;
    if (def.competent.kind === 'receiving_commune') {
      const at = offered.map((a) => communeByAgency.get(a.id)).filter((c): c is CommuneRef => Boolean(c));
      if (at.length === 0) continue;
      procedures.push({
        id: p.id,
        code: p.code,
        versions,
        share,
        communes: new Weighted(
          at,
          at.map((c) => c.weight),
        ),
        receivers: at.map((c) => c.agency),
        competent: null,
      });
    } else {
      const competent = agencyByCode.get(def.competent.code);
      const receivers = offered.filter((a) => !communeByAgency.has(a.id));
      if (!competent || receivers.length === 0) continue;
      procedures.push({ id: p.id, code: p.code, versions, share, communes: null, receivers, competent });
    }
  }
  if (procedures.length === 0)
    throw new Error('No published procedure is offered in the demo city: load it first.');

  const members = await activeOfficials(db);
  const real = new Map<string, Official[]>();
  for (const m of members) {
    const key = `${m.agency_id}|${m.role_code}`;
    real.set(key, [...(real.get(key) ?? []), { id: m.id, name: m.full_name, title: m.title }]);
  }
  const pools = new Map<string, { real: Official[]; generated: Official[] }>();
  const officials = (agency: AgencyRef, role: string, sectorCode: string) => {
    const group =
      agency.kind === 'peoples_committee' && role === 'specialist'
        ? (SECTOR_GROUP[sectorCode] ?? 'kinh_te')
        : '';
    const key = `${agency.id}|${role}|${group}`;
    let pool = pools.get(key);
    if (!pool) {
      // Colleagues without accounts: stable names per agency, role and seed.
      const rng = new Rng(hashSeed(opts.seed, 'officials', agency.code, role, group));
      const generated = Array.from({ length: poolSize(agency, role) }, (_, i) => ({
        id: null,
        name: personName(rng, rng.chance(0.55) ? 'nu' : 'nam'),
        title: titleOf(agency, role, group, i),
      }));
      pool = { real: real.get(`${agency.id}|${role}`) ?? [], generated };
      pools.set(key, pool);
    }
    return pool;
  };

  const offsetMs = calendar.config.utcOffsetMinutes * 60_000;
  const fromDay = localDayOf(calendar, opts.from);
  const untilDay = localDayOf(calendar, opts.until);
  const stored = await queryRows<{ agency_code: string; day: string; last: number }>(
    db,
    sql`select agency_code, day::text as day, last from svc_dossier_counters
        where day >= ${new Date(fromDay * DAY_MS).toISOString().slice(0, 10)}::date`,
  );
  const counters = new CodeCounters(offsetMs, stored);
  const ctx: BuildContext = {
    calendar,
    until: opts.until,
    fromDay,
    untilDay,
    procedures: new Weighted(
      procedures,
      procedures.map((p) => p.share),
    ),
    communes: new Weighted(
      communes,
      communes.map((c) => c.weight),
    ),
    agencyByCode,
    officials,
    allocateCode: (agencyCode, at) => counters.allocate(agencyCode, at),
  };
  const seats: Seat[] = [];
  for (const key of real.keys()) {
    const [agencyId, role] = key.split('|') as [string, string];
    const agency = agencyById.get(agencyId);
    if (agency && INBOX_ROLES.has(role)) seats.push({ agency, role });
  }
  seats.sort((a, b) => (a.agency.code + a.role < b.agency.code + b.role ? -1 : 1));
  return { ctx, counters, communeCount: communes.length, procedureCount: procedures.length, seats };
}
