// Mẫu 07, the register of dossiers (Sổ theo dõi hồ sơ): a filtered list for a period, exportable.
import { and, asc, gte, isNotNull, lt, or, sql, type SQL } from 'drizzle-orm';
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

/** What the notes column says of a dossier that ended without a result, or waits on the applicant. */
const NOTE_OF_ACTION: Record<string, string> = {
  refuse: 'Không được tiếp nhận',
  expire_supplement: 'Không được tiếp nhận: quá thời hạn bổ sung hồ sơ',
  withdraw: 'Công dân rút hồ sơ',
  stop: 'Dừng giải quyết',
  request_supplement: 'Tạm dừng: yêu cầu bổ sung hồ sơ',
  request_payment: 'Tạm dừng: thực hiện nghĩa vụ tài chính',
};

interface LastEvent {
  action: string;
  comment: string | null;
  reasons: string[] | null;
  at: string;
}

function noteOf(status: number, e: LastEvent | null): string | undefined {
  // Only ended-without-result (3, 7, 8) and paused (5, 6) dossiers carry a note.
  if (!e || ![3, 5, 6, 7, 8].includes(status)) return undefined;
  const label = NOTE_OF_ACTION[e.action];
  if (!label) return undefined;
  const why = [...(e.reasons ?? []), ...(e.comment ? [e.comment] : [])].join('; ');
  return why ? `${label}. Lý do: ${why.replace(/[.\s]+$/, '')}.` : `${label}.`;
}

/** Dossiers accepted in the period in agencies the official may see (receiving or competent), oldest first. */
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
    // The register lists dossiers the desk received: one refused at intake, or still waiting for
    // the desk, was never entered in it.
    isNotNull(dossiers.acceptedAt),
    gte(dossiers.acceptedAt, from),
    lt(dossiers.acceptedAt, to),
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
      // The appointment last given (the receipt, form 01, or an apology's new date, form 04), shown
      // while a pause suspends the due date.
      appointedDue: sql<
        string | null
      >`(select coalesce(e.data->>'newDueAt', e.data->>'dueAt') from svc_dossier_events e where e.dossier_id = ${dossiers.id} and e.action in ('accept', 'apology') order by e.id desc limit 1)`,
      lastEvent: sql<LastEvent | null>`(select json_build_object('action', e.action, 'comment', e.comment, 'reasons', e.data->'reasons', 'at', e.at) from svc_dossier_events e where e.dossier_id = ${dossiers.id} and e.action in ('refuse', 'expire_supplement', 'withdraw', 'stop', 'request_supplement', 'request_payment') order by e.id desc limit 1)`,
    })
    .from(dossiers)
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .innerJoin(agencies, eq(agencies.id, dossiers.receivingAgencyId))
    .where(and(...where))
    .orderBy(asc(dossiers.acceptedAt))
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
    dueAt: r.d.dueAt?.toISOString() ?? (r.appointedDue ? new Date(r.appointedDue).toISOString() : ''),
    note: noteOf(r.d.status, r.lastEvent),
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
      'Ghi chú',
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
      e.note ?? null,
    ]),
  };
}
