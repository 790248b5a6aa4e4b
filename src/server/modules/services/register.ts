// Mẫu 07, the register of dossiers (Sổ theo dõi hồ sơ): a filtered list for a period, exportable.
import { and, asc, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Principal } from '../../platform/access.ts';
import { scopePaths } from '../../platform/access.ts';
import type { DbOrTx } from '../../platform/db/client.ts';
import { agencies } from '../identity/index.ts';
import { dossiers, procedures } from './tables.ts';
import { eq, like } from 'drizzle-orm';
import type { Table } from '../../platform/spreadsheet.ts';

export interface RegisterFilter {
  from: string;
  to: string;
  agencyId?: string | undefined;
  status?: number | undefined;
}

const VN = 7 * 3600_000;
const startOfLocalDay = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) - VN);

/** Dossiers received in the period in agencies the official may see (receiving or competent), oldest first. */
export async function registerEntries(db: DbOrTx, p: Principal, f: RegisterFilter) {
  const paths = [
    ...new Set([
      ...scopePaths(p, 'dossiers.receive'),
      ...scopePaths(p, 'dossiers.process'),
      ...scopePaths(p, 'dossiers.approve'),
      ...scopePaths(p, 'stats.read'),
    ]),
  ];
  if (paths.length === 0) return [];
  const from = startOfLocalDay(f.from);
  const to = new Date(startOfLocalDay(f.to).getTime() + 24 * 3600_000);
  const competent = sql`(select path from id_agencies a where a.id = ${dossiers.competentAgencyId})`;
  const where: SQL[] = [
    gte(dossiers.submittedAt, from),
    lt(dossiers.submittedAt, to),
    or(...paths.map((path) => or(like(agencies.path, `${path}%`), sql`${competent} like ${`${path}%`}`)))!,
  ];
  if (f.agencyId)
    where.push(or(eq(dossiers.receivingAgencyId, f.agencyId), eq(dossiers.competentAgencyId, f.agencyId))!);
  if (f.status) where.push(eq(dossiers.status, f.status));
  const rows = await db
    .select({
      d: dossiers,
      procedureName: procedures.name,
      receivingName: agencies.name,
      competentName: sql<string>`(select name from id_agencies a where a.id = ${dossiers.competentAgencyId})`,
    })
    .from(dossiers)
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .innerJoin(agencies, eq(agencies.id, dossiers.receivingAgencyId))
    .where(and(...where))
    .orderBy(asc(dossiers.submittedAt))
    .limit(10_000);
  return rows.map((r) => ({
    id: r.d.id,
    code: r.d.code ?? '',
    procedureName: r.procedureName,
    applicantName: r.d.applicant.fullName,
    applicantAddress: r.d.applicant.address,
    applicantPhone: r.d.applicant.phone,
    receivingAgency: r.receivingName,
    competentAgency: r.competentName,
    status: r.d.status,
    receivedAt: (r.d.acceptedAt ?? r.d.submittedAt).toISOString(),
    dueAt: r.d.dueAt?.toISOString() ?? '',
    resultReceivedAt: r.d.finishedAt?.toISOString(),
    returnedAt: r.d.returnedAt?.toISOString(),
  }));
}

const fmt = (iso?: string) =>
  iso ? new Date(Date.parse(iso) + VN).toISOString().slice(0, 16).replace('T', ' ') : '';

/** The register as a table with Vietnamese headers, for CSV and Excel. */
export function registerTable(
  entries: Awaited<ReturnType<typeof registerEntries>>,
  statusName: (s: number) => string,
  period: { from: string; to: string },
): Table {
  return {
    title: `Sổ theo dõi hồ sơ từ ngày ${period.from} đến ngày ${period.to}`,
    headers: [
      'Mã hồ sơ',
      'Thủ tục',
      'Người nộp',
      'Địa chỉ',
      'Điện thoại',
      'Nơi tiếp nhận',
      'Cơ quan giải quyết',
      'Trạng thái',
      'Ngày tiếp nhận',
      'Ngày hẹn trả',
      'Ngày có kết quả',
      'Ngày trả kết quả',
    ],
    rows: entries.map((e) => [
      e.code,
      e.procedureName,
      e.applicantName,
      e.applicantAddress ?? null,
      e.applicantPhone ?? null,
      e.receivingAgency,
      e.competentAgency,
      statusName(e.status),
      fmt(e.receivedAt),
      fmt(e.dueAt),
      fmt(e.resultReceivedAt),
      fmt(e.returnedAt),
    ]),
  };
}
