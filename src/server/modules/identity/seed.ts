import { randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit/index.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { systemContext } from '../../platform/context.ts';
import type { DbOrTx, Tx } from '../../platform/db/client.ts';
import { getAgencyByCode } from './queries.ts';
import { loadReferenceUnits } from './reference-units.ts';
import { type AgencyKind, agencies, memberships, roles, units, users } from './tables.ts';

/** Built-in roles; administrators may add others or change their permissions. */
export const BUILT_IN_ROLES = [
  {
    code: 'admin',
    name: 'Quản trị hệ thống',
    nameEn: 'System administrator',
    permissions: [
      'users.manage',
      'agencies.manage',
      'roles.manage',
      'units.manage',
      'audit.read',
      'messages.read',
      'procedures.manage',
      'stats.read',
      'payments.reconcile',
      'integration.manage',
      'feedback.manage',
      'operations.view',
      'operations.operate',
      'operations.manage',
    ],
  },
  {
    code: 'one_stop_officer',
    name: 'Cán bộ Một cửa',
    nameEn: 'One-stop-desk officer',
    permissions: ['dossiers.receive', 'dossiers.handover'],
  },
  {
    code: 'specialist',
    name: 'Chuyên viên xử lý',
    nameEn: 'Specialist',
    permissions: ['dossiers.process', 'feedback.handle'],
  },
  {
    code: 'division_head',
    name: 'Lãnh đạo phòng',
    nameEn: 'Head of division',
    permissions: ['dossiers.process', 'dossiers.approve', 'stats.read', 'feedback.handle'],
  },
  {
    code: 'agency_leader',
    name: 'Lãnh đạo cơ quan',
    nameEn: 'Agency leader',
    permissions: ['dossiers.approve', 'stats.read', 'feedback.handle', 'feedback.lead'],
  },
  {
    code: 'city_leader',
    name: 'Lãnh đạo Thành phố',
    nameEn: 'City leader',
    permissions: ['stats.read', 'operations.view'],
  },
  {
    code: 'ioc_operator',
    name: 'Điều hành viên IOC',
    nameEn: 'Operations centre operator',
    permissions: ['operations.view', 'operations.operate'],
  },
  {
    code: 'meeting_secretary',
    name: 'Thư ký cuộc họp (Văn phòng)',
    nameEn: 'Meeting secretariat (Office)',
    permissions: ['meetings.manage'],
  },
  {
    code: 'finance_officer',
    name: 'Cán bộ tài chính, kế toán',
    nameEn: 'Finance officer',
    permissions: ['payments.reconcile'],
  },
  {
    code: 'feedback_operator',
    name: 'Điều hành viên phản ánh hiện trường',
    nameEn: 'Feedback operator',
    permissions: ['feedback.triage'],
  },
  // The portal (issue 15): editors write, reviewers (the second pair of eyes) approve and unpublish.
  {
    code: 'portal_editor',
    name: 'Biên tập viên Cổng thông tin',
    nameEn: 'Portal editor',
    permissions: ['portal.edit'],
  },
  {
    code: 'portal_reviewer',
    name: 'Người duyệt tin, bài',
    nameEn: 'Portal reviewer',
    permissions: ['portal.edit', 'portal.review'],
  },
  {
    code: 'investment_officer',
    name: 'Cán bộ xúc tiến đầu tư',
    nameEn: 'Investment-promotion officer',
    permissions: ['investment.manage'],
  },
] as const;

const PROVINCE_IDS: Record<string, string> = { '79': 'H29', '01': 'H26' };

/** Roles, administrative units and the province People's Committee: what every deployment needs. */
export async function seedBaseline(tx: Tx, provinceCode: string, opts: { demo?: boolean } = {}) {
  for (const role of BUILT_IN_ROLES) {
    await tx
      .insert(roles)
      // Outside the demo, administrators must use a second factor (TOTP) from their first sign-in.
      .values({
        ...role,
        permissions: [...role.permissions],
        builtIn: true,
        requiresTotp: role.code === 'admin' && !opts.demo,
      })
      .onConflictDoNothing();
  }
  const unitCount = await loadReferenceUnits(tx, provinceCode);
  const [province] = await tx
    .select()
    .from(units)
    .where(and(eq(units.code, provinceCode), isNull(units.validTo)));
  if (!province) throw new Error(`Province ${provinceCode} is not in the reference data`);
  const [existingRoot] = await tx.select().from(agencies).where(isNull(agencies.parentId)).limit(1);
  let root = existingRoot;
  if (!root) {
    const id = randomUUID();
    [root] = await tx
      .insert(agencies)
      .values({
        id,
        code: `000.00.00.${PROVINCE_IDS[provinceCode] ?? `H${provinceCode}`}`,
        name: `Ủy ban nhân dân ${province.fullName}`,
        nameEn: `People's Committee of ${province.fullName.replace(/^Thành phố /, '')} City`,
        kind: 'peoples_committee',
        path: `/${id}/`,
        unitCode: provinceCode,
      })
      .returning();
  }
  await audit(tx, systemContext('seed'), {
    action: 'seed.baseline',
    targetType: 'deployment',
    summary: { provinceCode, units: unitCount },
  });
  return root!;
}

const DEPARTMENTS: [string, string, string][] = [
  ['000.00.21.H29', 'Sở Xây dựng', 'Department of Construction'],
  ['000.00.22.H29', 'Sở Nông nghiệp và Môi trường', 'Department of Agriculture and Environment'],
  ['000.00.23.H29', 'Sở Tư pháp', 'Department of Justice'],
  ['000.00.24.H29', 'Sở Tài chính', 'Department of Finance'],
  ['000.00.25.H29', 'Sở Công Thương', 'Department of Industry and Trade'],
  ['000.00.26.H29', 'Sở Y tế', 'Department of Health'],
  ['000.00.27.H29', 'Sở Giáo dục và Đào tạo', 'Department of Education and Training'],
];

export const DEMO_PASSWORD = 'Cqs@2026demo';

const DEPARTMENT_SLUGS: [string, string][] = [
  ['000.00.21.H29', 'xaydung'],
  ['000.00.22.H29', 'nnmt'],
  ['000.00.23.H29', 'tuphap'],
  ['000.00.24.H29', 'taichinh'],
  ['000.00.25.H29', 'congthuong'],
  ['000.00.26.H29', 'yte'],
  ['000.00.27.H29', 'giaoduc'],
];
// Specialist, head of division, leader for each department, in the order of DEPARTMENT_SLUGS.
const STAFF_NAMES = [
  ['Phạm Minh Tuấn', 'Đoàn Thị Ngọc Lan', 'Võ Thị Thu Hà'],
  ['Trương Công Danh', 'Mai Văn Hậu', 'Châu Ngọc Bích'],
  ['Lưu Thị Thanh Tâm', 'Tạ Quang Vinh', 'Kiều Minh Đức'],
  ['Quách Thị Diễm', 'La Văn Sang', 'Tôn Nữ Hoài An'],
  ['Dương Văn Khải', 'Âu Thị Mỹ Linh', 'Thái Bá Cường'],
  ['Hà Thị Phương', 'Triệu Văn Lực', 'Giang Thanh Hương'],
  ['Cao Văn Nghĩa', 'Mạc Thị Hồng', 'Văn Đình Phúc'],
];

/** chuyenvien.<slug>, truongphong.<slug> and lanhdao.<slug>@cqs.demo for every department. */
export const DEPARTMENT_STAFF = DEPARTMENT_SLUGS.flatMap(([code, slug], i) => {
  const [specialist, head, leader] = STAFF_NAMES[i]!;
  return [
    {
      email: `chuyenvien.${slug}@cqs.demo`,
      fullName: specialist!,
      title: 'Chuyên viên',
      role: 'specialist',
      agency: code,
    },
    {
      email: `truongphong.${slug}@cqs.demo`,
      fullName: head!,
      title: 'Trưởng phòng',
      role: 'division_head',
      agency: code,
    },
    {
      email: `lanhdao.${slug}@cqs.demo`,
      fullName: leader!,
      title: 'Phó Giám đốc Sở',
      role: 'agency_leader',
      agency: code,
    },
  ];
});
export const DEMO_ACCOUNTS = [
  {
    email: 'admin@cqs.demo',
    fullName: 'Nguyễn Văn Quản',
    title: 'Quản trị hệ thống',
    role: 'admin',
    agency: 'root',
  },
  {
    email: 'motcua.thudaumot@cqs.demo',
    fullName: 'Trần Thị Mai',
    title: 'Cán bộ Một cửa',
    role: 'one_stop_officer',
    agency: 'commune:25747',
  },
  {
    email: 'motcua.ttpvhcc@cqs.demo',
    fullName: 'Lê Hoàng Nam',
    title: 'Cán bộ Một cửa',
    role: 'one_stop_officer',
    agency: '000.00.30.H29',
  },
  {
    email: 'chuyenvien.thudaumot@cqs.demo',
    fullName: 'Huỳnh Văn Lộc',
    title: 'Công chức Văn phòng HĐND và UBND',
    role: 'specialist',
    agency: 'commune:25747',
  },
  {
    email: 'truongphong.thudaumot@cqs.demo',
    fullName: 'Lâm Quốc Thịnh',
    title: 'Trưởng phòng Kinh tế',
    role: 'division_head',
    agency: 'commune:25747',
  },
  {
    email: 'lanhdao.thudaumot@cqs.demo',
    fullName: 'Bùi Thị Kim Oanh',
    title: 'Phó Chủ tịch UBND phường',
    role: 'agency_leader',
    agency: 'commune:25747',
  },
  {
    email: 'lanhdao.ubnd@cqs.demo',
    fullName: 'Đặng Quốc Bảo',
    title: 'Phó Chủ tịch UBND Thành phố',
    role: 'city_leader',
    agency: 'root',
  },
  {
    email: 'thuky.ubnd@cqs.demo',
    fullName: 'Vũ Thị Thanh Xuân',
    title: 'Chuyên viên Văn phòng UBND Thành phố (thư ký họp)',
    role: 'meeting_secretary',
    agency: 'root',
  },
  {
    email: 'thuky.thudaumot@cqs.demo',
    fullName: 'Ngô Minh Khoa',
    title: 'Công chức Văn phòng HĐND và UBND phường (thư ký họp)',
    role: 'meeting_secretary',
    agency: 'commune:25747',
  },
  {
    email: 'dieuhanh.ioc@cqs.demo',
    fullName: 'Võ Thanh Tùng',
    title: 'Điều hành viên Trung tâm IOC',
    role: 'ioc_operator',
    agency: 'root',
  },
  {
    email: 'ketoan.ttpvhcc@cqs.demo',
    fullName: 'Phan Thị Thu Trang',
    title: 'Kế toán',
    role: 'finance_officer',
    agency: '000.00.30.H29',
  },
  {
    email: 'dieuhanh@cqs.demo',
    fullName: 'Võ Minh Khang',
    title: 'Điều hành viên Trung tâm Giám sát, điều hành',
    role: 'feedback_operator',
    agency: 'root',
  },
  {
    email: 'bientap.ubnd@cqs.demo',
    fullName: 'Lý Thị Ngọc Trâm',
    title: 'Biên tập viên Cổng thông tin',
    role: 'portal_editor',
    agency: 'root',
  },
  {
    email: 'duyet.ubnd@cqs.demo',
    fullName: 'Hồ Minh Khoa',
    title: 'Trưởng ban biên tập',
    role: 'portal_reviewer',
    agency: 'root',
  },
  {
    email: 'bientap.thudaumot@cqs.demo',
    fullName: 'Nguyễn Thanh Vy',
    title: 'Biên tập viên trang phường',
    role: 'portal_editor',
    agency: 'commune:25747',
  },
  {
    email: 'duyet.thudaumot@cqs.demo',
    fullName: 'Trịnh Văn Hòa',
    title: 'Phó Chủ tịch UBND phường, duyệt tin bài',
    role: 'portal_reviewer',
    agency: 'commune:25747',
  },
  {
    email: 'xuctien.ubnd@cqs.demo',
    fullName: 'Phùng Gia Huy',
    title: 'Chuyên viên Trung tâm Xúc tiến đầu tư',
    role: 'investment_officer',
    agency: 'root',
  },
  {
    email: 'congdan@cqs.demo',
    fullName: 'Nguyễn Thị Hồng Nhung',
    title: null,
    role: null,
    agency: null,
    phone: '0912345678',
  },
] as const;

async function addAgency(
  tx: Tx,
  parent: { id: string; path: string },
  a: {
    code: string;
    name: string;
    nameEn: string | null;
    kind: AgencyKind;
    unitCode: string;
    phone?: string;
  },
) {
  const existing = await getAgencyByCode(tx, a.code);
  if (existing) return existing;
  const id = randomUUID();
  const [row] = await tx
    .insert(agencies)
    .values({ id, ...a, parentId: parent.id, path: `${parent.path}${id}/` })
    .returning();
  return row!;
}

/** The demo city: departments, the service centre, the 36 former Bình Dương communes, one account per role. */
export async function seedDemo(tx: Tx, provinceCode: string) {
  const root = await seedBaseline(tx, provinceCode, { demo: true });
  for (const [code, name, nameEn] of DEPARTMENTS) {
    await addAgency(tx, root, { code, name, nameEn, kind: 'department', unitCode: provinceCode });
  }
  await addAgency(tx, root, {
    code: '000.00.30.H29',
    name: 'Trung tâm Phục vụ hành chính công Thành phố',
    nameEn: 'City Public Administration Service Centre',
    kind: 'service_centre',
    unitCode: provinceCode,
    phone: '0274 3822 100',
  });
  const communes = await tx
    .select()
    .from(units)
    .where(
      and(
        eq(units.parentCode, provinceCode),
        sql`'binh-duong-cu' = any(${units.tags})`,
        isNull(units.validTo),
      ),
    )
    .orderBy(units.code);
  const communeAgency = new Map<string, string>();
  for (const [i, u] of communes.entries()) {
    const n = String(i + 1).padStart(2, '0');
    const pc = await addAgency(tx, root, {
      code: `000.${n}.40.H29`,
      name: `Ủy ban nhân dân ${u.fullName}`,
      nameEn: `People's Committee of ${u.nameEn ?? u.name} ${u.fullName.startsWith('Phường') ? 'Ward' : 'Commune'}`,
      kind: 'peoples_committee',
      unitCode: u.code,
    });
    await addAgency(tx, pc, {
      code: `000.${n}.41.H29`,
      name: `Bộ phận Một cửa ${u.fullName}`,
      nameEn: `One-stop desk, ${u.nameEn ?? u.name}`,
      kind: 'one_stop_desk',
      unitCode: u.code,
      // Demo numbers in the former Bình Dương area code, one per desk.
      phone: `0274 3823 1${n}`,
    });
    communeAgency.set(u.code, pc.id);
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const acc of [...DEMO_ACCOUNTS, ...DEPARTMENT_STAFF]) {
    const [existing] = await tx.select().from(users).where(eq(users.email, acc.email));
    if (existing) continue;
    const [user] = await tx
      .insert(users)
      .values({
        kind: acc.role ? 'official' : 'citizen',
        email: acc.email,
        phone: 'phone' in acc ? acc.phone : null,
        fullName: acc.fullName,
        title: acc.title,
        passwordHash,
        demo: true,
      })
      .returning();
    if (acc.role && acc.agency) {
      const agencyId =
        acc.agency === 'root'
          ? root.id
          : acc.agency.startsWith('commune:')
            ? communeAgency.get(acc.agency.slice(8))!
            : (await getAgencyByCode(tx, acc.agency))!.id;
      await tx.insert(memberships).values({ userId: user!.id, agencyId, roleCode: acc.role });
    }
  }
  await audit(tx, systemContext('seed'), {
    action: 'seed.demo',
    targetType: 'deployment',
    summary: { communes: communes.length },
  });
}

/** Whether the demo (or any) organisation is present: the first start seeds when it is not. */
export async function hasAgencies(db: DbOrTx): Promise<boolean> {
  const [row] = await db.select({ id: agencies.id }).from(agencies).limit(1);
  return Boolean(row);
}
