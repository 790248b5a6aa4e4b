import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Ok, Uuid } from '../../../contracts/common.ts';
import * as C from '../../../contracts/identity.ts';
import { allPermissions, hasRootPermission, scopePaths } from '../../platform/access.ts';
import { listAudit } from '../../platform/audit/index.ts';
import { AppError } from '../../platform/errors.ts';
import { clearCookie, setCookie } from '../../platform/http/cookies.ts';
import { listMessages } from '../../platform/messages/index.ts';
import type { Deps } from '../../platform/module.ts';
import { login } from './commands/login.ts';
import { logout } from './commands/logout.ts';
import { createAgency, updateAgency } from './commands/manage-agencies.ts';
import { createRole, updateRole } from './commands/manage-roles.ts';
import { createOfficial, updateUser } from './commands/manage-users.ts';
import { confirmRegistration, requestRegistration } from './commands/register-citizen.ts';
import { confirmPasswordReset, requestPasswordReset } from './commands/reset-password.ts';
import {
  changePassword,
  disableTotp,
  enableTotp,
  setupTotp,
  updateAccount,
} from './commands/update-account.ts';
import { presentAgency, presentRole, presentSessionUser, presentUnit, presentUser } from './presenters.ts';
import {
  getUser,
  listAgencies,
  listRoles,
  listUnits,
  listUsers,
  loginLimitKey,
  membershipViews,
} from './queries.ts';
import {
  ABSOLUTE_TIMEOUT_MS,
  loadMemberships,
  rolesRequireTotp,
  SESSION_COOKIE,
  type SessionService,
} from './sessions.ts';
import type { Principal } from '../../platform/access.ts';

const tags = {
  auth: ['Xác thực (auth)'],
  account: ['Tài khoản (account)'],
  admin: ['Quản trị (admin)'],
  units: ['Đơn vị hành chính (units)'],
};

export async function identityRoutes(root: FastifyInstance, deps: Deps, sessions: SessionService) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, config, secrets } = deps;

  const setSessionCookie = (reply: FastifyReply, token: string) =>
    setCookie(reply, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.publicUrl.startsWith('https://'),
      path: '/',
      maxAge: ABSOLUTE_TIMEOUT_MS / 1000,
    });

  /** The session view for a user (after login/registration) or for the current principal. */
  async function sessionView(
    req: FastifyRequest,
    userId: string | null,
    csrfToken: string | null,
    principal: Principal | null,
  ) {
    const base = { demo: config.demo, provinceCode: config.provinceCode };
    if (!userId) return { user: null, csrfToken: null, ...base };
    const user = await getUser(db, userId);
    if (!user) return { user: null, csrfToken: null, ...base };
    const ms = (await membershipViews(db, [userId])).get(userId) ?? [];
    const p = principal ?? {
      userId,
      kind: user.kind,
      fullName: user.fullName,
      locale: user.locale,
      memberships: await loadMemberships(db, userId),
      mustSetUpTotp: !user.totpEnabledAt && (await rolesRequireTotp(db, userId)),
    };
    return { user: presentSessionUser(user, ms, p, req.lang), csrfToken, ...base };
  }

  // ---- auth ----
  app.get(
    '/api/auth/session',
    {
      config: { access: 'public' },
      schema: { tags: tags.auth, summary: 'Phiên đăng nhập hiện tại', response: { 200: C.SessionView } },
    },
    async (req) =>
      sessionView(req, req.principal?.userId ?? null, req.principal?.csrfToken ?? null, req.principal),
  );

  app.post(
    '/api/auth/login',
    {
      config: {
        access: 'public',
        // Ten attempts a minute per account from one address: officials of one office share a public
        // address, and a limit per address alone locked them out at the start of the day. Counted once
        // the body is read (preHandler), so the key can name the account.
        rateLimit: {
          max: 10,
          timeWindow: 60_000,
          hook: 'preHandler',
          // Keyed on the account the lookup resolves (an e-mail and every way of writing a phone number
          // are one key), so rewriting the identifier buys no extra guesses at a password or a TOTP code.
          keyGenerator: (req: FastifyRequest) =>
            loginLimitKey(db, req.ip, (req.body as { identifier?: unknown } | undefined)?.identifier),
        },
      },
      schema: { tags: tags.auth, summary: 'Đăng nhập', body: C.LoginBody, response: { 200: C.SessionView } },
    },
    async (req, reply) => {
      const result = await login(
        db,
        sessions,
        secrets,
        req.ctx(),
        { ...req.body, userAgent: req.headers['user-agent'] ?? null },
        config.demo,
      );
      setSessionCookie(reply, result.token);
      return sessionView(req, result.user.id, result.csrfToken, null);
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: tags.auth, summary: 'Đăng xuất', response: { 200: Ok } } },
    async (req, reply) => {
      await logout(db, sessions, req.ctx(), false);
      clearCookie(reply, SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );
  app.post(
    '/api/auth/logout-all',
    { schema: { tags: tags.auth, summary: 'Đăng xuất khỏi mọi thiết bị', response: { 200: Ok } } },
    async (req, reply) => {
      await logout(db, sessions, req.ctx(), true);
      clearCookie(reply, SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.post(
    '/api/auth/register',
    {
      config: { access: 'public', rateLimit: { max: 5, timeWindow: 60_000 } },
      schema: {
        tags: tags.auth,
        summary: 'Công dân đăng ký tài khoản (gửi liên kết xác nhận)',
        body: C.RegisterBody,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await requestRegistration(db, req.ctx(), { ...req.body, locale: req.lang });
      return { ok: true as const };
    },
  );
  app.post(
    '/api/auth/register/confirm',
    {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        tags: tags.auth,
        summary: 'Xác nhận đăng ký bằng liên kết đã gửi: tạo tài khoản và đăng nhập',
        body: C.RegisterConfirmBody,
        response: { 200: C.SessionView },
      },
    },
    async (req, reply) => {
      const result = await confirmRegistration(
        db,
        sessions,
        req.ctx(),
        req.body.token,
        req.headers['user-agent'] ?? null,
      );
      setSessionCookie(reply, result.token);
      return sessionView(req, result.user.id, result.csrfToken, null);
    },
  );

  app.post(
    '/api/auth/password-reset/request',
    {
      config: { access: 'public', rateLimit: { max: 5, timeWindow: 60_000 } },
      schema: {
        tags: tags.auth,
        summary: 'Yêu cầu đặt lại mật khẩu',
        body: C.PasswordResetRequestBody,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await requestPasswordReset(db, req.ctx(), req.body.identifier);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/auth/password-reset/confirm',
    {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        tags: tags.auth,
        summary: 'Đặt lại mật khẩu',
        body: C.PasswordResetConfirmBody,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await confirmPasswordReset(db, sessions, req.ctx(), req.body.token, req.body.password);
      return { ok: true as const };
    },
  );

  // ---- account ----
  app.get(
    '/api/account/me',
    {
      schema: {
        tags: tags.account,
        summary: 'Người đang đăng nhập (không truy vấn cơ sở dữ liệu)',
        response: { 200: C.MeView },
      },
    },
    async (req) => {
      const p = req.principal!;
      return {
        id: p.userId,
        kind: p.kind,
        fullName: p.fullName,
        locale: p.locale === 'en' ? ('en' as const) : ('vi' as const),
        permissions: allPermissions(p),
      };
    },
  );
  app.post(
    '/api/account/password',
    {
      schema: {
        tags: tags.account,
        summary: 'Đổi mật khẩu',
        body: C.ChangePasswordBody,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await changePassword(db, req.ctx(), req.body.currentPassword, req.body.newPassword);
      return { ok: true as const };
    },
  );
  app.patch(
    '/api/account',
    {
      schema: {
        tags: tags.account,
        summary: 'Sửa thông tin tài khoản',
        body: C.UpdateAccountBody,
        response: { 200: C.SessionView },
      },
    },
    async (req) => {
      const user = await updateAccount(db, req.ctx(), req.body);
      return sessionView(req, user.id, req.principal?.csrfToken ?? null, null);
    },
  );
  app.post(
    '/api/account/totp/setup',
    {
      schema: {
        tags: tags.account,
        summary: 'Thiết lập xác thực hai lớp (TOTP)',
        response: { 200: C.TotpSetupView },
      },
    },
    async (req) => {
      const setup = await setupTotp(db, secrets, req.ctx());
      // Loaded on demand: the QR library is not needed until someone sets up TOTP.
      const { default: QRCode } = await import('qrcode');
      const qrSvg = await QRCode.toString(setup.otpauthUrl, { type: 'svg', margin: 1 });
      return { ...setup, qrSvg };
    },
  );
  app.post(
    '/api/account/totp/enable',
    { schema: { tags: tags.account, summary: 'Bật TOTP', body: C.TotpCodeBody, response: { 200: Ok } } },
    async (req) => {
      await enableTotp(db, secrets, req.ctx(), req.body.code);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/account/totp/disable',
    { schema: { tags: tags.account, summary: 'Tắt TOTP', body: C.TotpCodeBody, response: { 200: Ok } } },
    async (req) => {
      await disableTotp(db, secrets, req.ctx(), req.body.code);
      return { ok: true as const };
    },
  );

  // ---- agencies ----
  const AgencyList = z.object({ items: z.array(C.AgencyView) });
  app.get(
    '/api/agencies',
    {
      config: { access: { kind: 'official' } },
      schema: {
        tags: tags.admin,
        summary: 'Danh sách cơ quan đang hoạt động',
        response: { 200: AgencyList },
      },
    },
    async () => ({
      items: (await listAgencies(db, undefined, true)).map((r) => presentAgency(r.agency, r.unitName)),
    }),
  );
  app.get(
    '/api/admin/agencies',
    {
      config: { access: { permission: 'agencies.manage' } },
      schema: { tags: tags.admin, summary: 'Cơ quan trong phạm vi quản trị', response: { 200: AgencyList } },
    },
    async (req) => ({
      items: (await listAgencies(db, scopePaths(req.principal, 'agencies.manage'))).map((r) =>
        presentAgency(r.agency, r.unitName),
      ),
    }),
  );
  app.post(
    '/api/admin/agencies',
    {
      config: { access: { permission: 'agencies.manage' } },
      schema: {
        tags: tags.admin,
        summary: 'Thêm cơ quan',
        body: C.CreateAgencyBody,
        response: { 200: C.AgencyView },
      },
    },
    async (req) => {
      const agency = await createAgency(db, req.ctx(), req.body);
      return presentAgency(agency, null);
    },
  );
  app.patch(
    '/api/admin/agencies/:id',
    {
      config: { access: { permission: 'agencies.manage' } },
      schema: {
        tags: tags.admin,
        summary: 'Sửa cơ quan',
        params: z.object({ id: Uuid }),
        body: C.UpdateAgencyBody,
        response: { 200: C.AgencyView },
      },
    },
    async (req) => presentAgency(await updateAgency(db, req.ctx(), req.params.id, req.body), null),
  );

  // ---- users ----
  app.get(
    '/api/admin/users',
    {
      config: { access: { permission: 'users.manage' } },
      schema: {
        tags: tags.admin,
        summary: 'Người dùng',
        querystring: C.UserListQuery,
        response: { 200: z.object({ items: z.array(C.UserView), total: z.number() }) },
      },
    },
    async (req) => {
      const paths = scopePaths(req.principal, 'users.manage');
      const isRoot = hasRootPermission(req.principal, 'users.manage');
      const { items, total } = await listUsers(db, { ...req.query, scopePaths: isRoot ? null : paths });
      const ms = await membershipViews(
        db,
        items.map((u) => u.id),
      );
      return { items: items.map((u) => presentUser(u, ms.get(u.id) ?? [], req.lang)), total };
    },
  );
  const userById = async (id: string, lang: string) => {
    const user = await getUser(db, id);
    if (!user) throw new AppError('not_found');
    return presentUser(user, (await membershipViews(db, [id])).get(id) ?? [], lang);
  };
  app.get(
    '/api/admin/users/:id',
    {
      config: { access: { permission: 'users.manage' } },
      schema: {
        tags: tags.admin,
        summary: 'Một người dùng',
        params: z.object({ id: Uuid }),
        response: { 200: C.UserView },
      },
    },
    async (req) => {
      const view = await userById(req.params.id, req.lang);
      const paths = scopePaths(req.principal, 'users.manage');
      if (!hasRootPermission(req.principal, 'users.manage')) {
        const ms = (await membershipViews(db, [req.params.id])).get(req.params.id) ?? [];
        if (!ms.length || !ms.every((m) => paths.some((p) => m.agencyPath.startsWith(p))))
          throw new AppError('not_found');
      }
      return view;
    },
  );
  app.post(
    '/api/admin/users',
    {
      config: { access: { permission: 'users.manage' } },
      schema: {
        tags: tags.admin,
        summary: 'Thêm cán bộ',
        body: C.CreateUserBody,
        response: { 200: C.UserView },
      },
    },
    async (req) => {
      const user = await createOfficial(db, req.ctx(), req.body);
      return userById(user.id, req.lang);
    },
  );
  app.patch(
    '/api/admin/users/:id',
    {
      config: { access: { permission: 'users.manage' } },
      schema: {
        tags: tags.admin,
        summary: 'Sửa, khóa hoặc mở khóa người dùng',
        params: z.object({ id: Uuid }),
        body: C.UpdateUserBody,
        response: { 200: C.UserView },
      },
    },
    async (req) => {
      await updateUser(db, req.ctx(), req.params.id, req.body);
      return userById(req.params.id, req.lang);
    },
  );

  // ---- roles ----
  app.get(
    '/api/admin/roles',
    {
      config: { access: { permission: 'roles.manage' } },
      schema: {
        tags: tags.admin,
        summary: 'Vai trò và quyền',
        response: { 200: z.object({ items: z.array(C.RoleView), permissions: z.array(z.string()) }) },
      },
    },
    async () => ({ items: (await listRoles(db)).map(presentRole), permissions: [...C.PERMISSIONS] }),
  );
  app.get(
    '/api/roles',
    {
      config: { access: { kind: 'official' } },
      schema: {
        tags: tags.admin,
        summary: 'Vai trò (để chọn khi phân quyền)',
        response: { 200: z.object({ items: z.array(C.RoleView) }) },
      },
    },
    async () => ({ items: (await listRoles(db)).map(presentRole) }),
  );
  app.post(
    '/api/admin/roles',
    {
      config: { access: { permission: 'roles.manage' } },
      schema: {
        tags: tags.admin,
        summary: 'Thêm vai trò',
        body: C.CreateRoleBody,
        response: { 200: C.RoleView },
      },
    },
    async (req) => presentRole(await createRole(db, req.ctx(), req.body)),
  );
  app.patch(
    '/api/admin/roles/:code',
    {
      config: { access: { permission: 'roles.manage' } },
      schema: {
        tags: tags.admin,
        summary: 'Sửa vai trò',
        params: z.object({ code: C.RoleCode }),
        body: C.UpdateRoleBody,
        response: { 200: C.RoleView },
      },
    },
    async (req) => presentRole(await updateRole(db, req.ctx(), req.params.code, req.body)),
  );

  // ---- administrative units (public reference data) ----
  app.get(
    '/api/units',
    {
      config: { access: 'public' },
      schema: {
        tags: tags.units,
        summary: 'Đơn vị hành chính',
        querystring: C.UnitListQuery,
        response: { 200: z.object({ items: z.array(C.UnitView) }) },
      },
    },
    async (req) => ({
      items: (await listUnits(db, req.query)).map(presentUnit),
    }),
  );
  app.get(
    '/api/units/geo',
    {
      config: { access: 'public' },
      schema: {
        tags: tags.units,
        summary: 'Ranh giới đơn vị hành chính (GeoJSON)',
        querystring: z.strictObject({
          parent: z
            .string()
            .regex(/^\d{2}$/)
            .optional(),
        }),
      },
    },
    async (req, reply) => {
      const parent = req.query.parent ?? config.provinceCode;
      const rows = await listUnits(db, { parent });
      reply.header('cache-control', 'public, max-age=3600');
      return {
        type: 'FeatureCollection',
        features: rows
          .filter((u) => u.boundary && u.level === 'commune')
          .map((u) => ({
            type: 'Feature',
            id: u.code,
            properties: {
              code: u.code,
              name: u.name,
              fullName: u.fullName,
              nameEn: u.nameEn,
              tags: u.tags,
              areaKm2: u.areaKm2,
            },
            geometry: u.boundary,
          })),
      };
    },
  );

  // ---- audit and messages ----
  app.get(
    '/api/admin/audit',
    {
      config: { access: { permission: 'audit.read' } },
      schema: {
        tags: tags.admin,
        summary: 'Nhật ký kiểm tra',
        querystring: C.AuditQuery,
        response: { 200: z.object({ items: z.array(C.AuditView), nextBefore: z.number().nullable() }) },
      },
    },
    async (req) => {
      const q = req.query;
      const paths = scopePaths(req.principal, 'audit.read');
      const agencyIds = hasRootPermission(req.principal, 'audit.read')
        ? undefined
        : (await listAgencies(db, paths)).map((r) => r.agency.id);
      const rows = await listAudit(db, {
        ...q,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
        agencyIds,
      });
      return {
        items: rows.map((r) => ({
          id: r.id,
          at: r.at.toISOString(),
          actorId: r.actorId,
          actorLabel: r.actorLabel,
          action: r.action,
          targetType: r.targetType,
          targetId: r.targetId,
          ip: r.ip,
          requestId: r.requestId,
          summary: r.summary,
          chained: r.seq !== null,
        })),
        nextBefore: rows.length === q.limit ? rows[rows.length - 1]!.id : null,
      };
    },
  );
  app.get(
    '/api/admin/messages',
    {
      config: { access: { permission: 'messages.read' } },
      schema: {
        tags: tags.admin,
        summary: 'Hộp thư đi (e-mail, SMS)',
        response: { 200: z.object({ items: z.array(C.MessageView) }) },
      },
    },
    async (req) => {
      // Messages carry every account's contact details: only deployment-wide administrators read them.
      if (!hasRootPermission(req.principal, 'messages.read')) throw new AppError('forbidden');
      return {
        items: (await listMessages(db)).map((m) => ({
          id: m.id,
          channel: m.channel,
          recipient: m.recipient,
          subject: m.subject,
          body: m.body,
          status: m.status,
          createdAt: m.createdAt.toISOString(),
        })),
      };
    },
  );
}
