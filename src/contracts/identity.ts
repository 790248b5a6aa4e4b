import { z } from 'zod';
import { Email, IsoDateTime, Language, Phone, Uuid } from './common.ts';

export const AgencyKind = z.enum([
  'peoples_committee',
  'department',
  'service_centre',
  'one_stop_desk',
  'division',
  'other',
]);

export const MembershipView = z.object({
  agencyId: Uuid,
  agencyName: z.string(),
  agencyCode: z.string(),
  roleCode: z.string(),
  roleName: z.string(),
});

export const SessionUser = z.object({
  id: Uuid,
  kind: z.enum(['official', 'citizen']),
  fullName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  locale: Language,
  totpEnabled: z.boolean(),
  /** a role requires two-step verification that is not set up yet: only the account page works */
  totpRequired: z.boolean(),
  memberships: z.array(MembershipView),
  permissions: z.array(z.string()),
});

export const MeView = z.object({
  id: Uuid,
  kind: z.enum(['official', 'citizen']),
  fullName: z.string(),
  locale: Language,
  permissions: z.array(z.string()),
});

export const SessionView = z.object({
  user: SessionUser.nullable(),
  csrfToken: z.string().nullable(),
  demo: z.boolean(),
  provinceCode: z.string(),
});

export const LoginBody = z.strictObject({
  identifier: z.string().trim().min(3).max(200),
  password: z.string().min(1).max(200),
  totp: z
    .string()
    .regex(/^\d{6}$/, 'field.totp')
    .optional(),
});

export const RegisterBody = z
  .strictObject({
    fullName: z.string().trim().min(2).max(120),
    email: Email.optional(),
    phone: Phone.optional(),
    password: z.string().min(1).max(200),
  })
  .refine((b) => b.email || b.phone, { message: 'field.email_or_phone', path: ['email'] });

export const RegisterConfirmBody = z.strictObject({ token: z.string().min(10).max(200) });

export const PasswordResetRequestBody = z.strictObject({ identifier: z.string().trim().min(3).max(200) });
export const PasswordResetConfirmBody = z.strictObject({
  token: z.string().min(10).max(200),
  password: z.string().min(1).max(200),
});
export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});
export const UpdateAccountBody = z.strictObject({
  fullName: z.string().trim().min(2).max(120).optional(),
  locale: Language.optional(),
});
export const TotpSetupView = z.object({ secret: z.string(), otpauthUrl: z.string(), qrSvg: z.string() });
export const TotpCodeBody = z.strictObject({ code: z.string().regex(/^\d{6}$/, 'field.totp') });

export const AgencyView = z.object({
  id: Uuid,
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  kind: AgencyKind,
  parentId: Uuid.nullable(),
  unitCode: z.string(),
  unitName: z.string().nullable(),
  /** the number citizens call about their dossiers, printed on the papers (form 02, 03) */
  phone: z.string().nullable(),
  active: z.boolean(),
});

/** A telephone number as people write it: digits, spaces, dots, dashes, a leading +. */
const AgencyPhone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 .-]{5,18}[0-9]$/, 'field.agency_phone');

/** mã định danh điện tử: XXX.XX.XX.HNN (Decision 20/2020/QĐ-TTg) */
export const AgencyCode = z
  .string()
  .trim()
  .regex(/^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z]\d{2}$/, 'field.agency_code');

export const CreateAgencyBody = z.strictObject({
  code: AgencyCode,
  name: z.string().trim().min(2).max(200),
  nameEn: z.string().trim().max(200).optional(),
  kind: AgencyKind,
  parentId: Uuid,
  unitCode: z.string().regex(/^\d{2}(\d{3})?$/, 'field.unit_code'),
  phone: AgencyPhone.optional(),
});
export const UpdateAgencyBody = z.strictObject({
  name: z.string().trim().min(2).max(200).optional(),
  nameEn: z.string().trim().max(200).nullable().optional(),
  kind: AgencyKind.optional(),
  parentId: Uuid.optional(),
  unitCode: z
    .string()
    .regex(/^\d{2}(\d{3})?$/, 'field.unit_code')
    .optional(),
  phone: AgencyPhone.nullable().optional(),
  active: z.boolean().optional(),
});

export const MembershipInput = z.strictObject({ agencyId: Uuid, roleCode: z.string().min(1).max(60) });

export const UserView = z.object({
  id: Uuid,
  kind: z.enum(['official', 'citizen']),
  fullName: z.string(),
  title: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  disabled: z.boolean(),
  totpEnabled: z.boolean(),
  lastLoginAt: IsoDateTime.nullable(),
  memberships: z.array(MembershipView),
});

export const CreateUserBody = z
  .strictObject({
    fullName: z.string().trim().min(2).max(120),
    title: z.string().trim().max(120).optional(),
    email: Email.optional(),
    phone: Phone.optional(),
    password: z.string().min(1).max(200),
    memberships: z.array(MembershipInput).min(1).max(20),
  })
  .refine((b) => b.email || b.phone, { message: 'field.email_or_phone', path: ['email'] });

export const UpdateUserBody = z.strictObject({
  fullName: z.string().trim().min(2).max(120).optional(),
  title: z.string().trim().max(120).nullable().optional(),
  memberships: z.array(MembershipInput).max(20).optional(),
  disabled: z.boolean().optional(),
});

export const UserListQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  agencyId: Uuid.optional(),
  kind: z.enum(['official', 'citizen']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const RoleView = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  permissions: z.array(z.string()),
  builtIn: z.boolean(),
});
export const RoleCode = z.string().regex(/^[a-z][a-z0-9_]{1,59}$/, 'field.role_code');
export const CreateRoleBody = z.strictObject({
  code: RoleCode,
  name: z.string().trim().min(2).max(120),
  nameEn: z.string().trim().min(2).max(120),
  permissions: z.array(z.string()).max(100),
});
export const UpdateRoleBody = z.strictObject({
  name: z.string().trim().min(2).max(120).optional(),
  nameEn: z.string().trim().min(2).max(120).optional(),
  permissions: z.array(z.string()).max(100).optional(),
});

export const UnitView = z.object({
  code: z.string(),
  level: z.enum(['province', 'commune']),
  name: z.string(),
  fullName: z.string(),
  nameEn: z.string().nullable(),
  parentCode: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  areaKm2: z.number().nullable(),
  tags: z.array(z.string()),
});
export const UnitListQuery = z.strictObject({
  parent: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  tag: z.string().max(60).optional(),
  /** the date the units must be valid on (default today) */
  on: z.iso.date().optional(),
});

export const AuditView = z.object({
  id: z.number(),
  at: IsoDateTime,
  actorId: Uuid.nullable(),
  actorLabel: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  summary: z.record(z.string(), z.unknown()),
  chained: z.boolean(),
});
export const AuditQuery = z.strictObject({
  actorId: Uuid.optional(),
  action: z.string().max(100).optional(),
  targetType: z.string().max(60).optional(),
  targetId: z.string().max(100).optional(),
  /** a dossier's code: every row about that dossier, its submission included */
  dossier: z.string().trim().max(60).optional(),
  q: z.string().max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const MessageView = z.object({
  id: z.number(),
  channel: z.enum(['email', 'sms']),
  recipient: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  status: z.string(),
  createdAt: IsoDateTime,
});

/** The named permissions. Modules add theirs here so roles can be edited in one place. */
export const PERMISSIONS = [
  'users.manage',
  'agencies.manage',
  'roles.manage',
  'units.manage',
  'audit.read',
  'messages.read',
  'procedures.manage',
  'dossiers.receive',
  'dossiers.process',
  'dossiers.approve',
  'dossiers.handover',
  'stats.read',
  'integration.manage',
  'meetings.manage',
  'payments.reconcile',
  'feedback.triage',
  'feedback.handle',
  'feedback.lead',
  'feedback.manage',
  'operations.view',
  'operations.operate',
  'operations.manage',
  'portal.edit',
  'portal.review',
  'investment.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];
