// Sign-in, sessions, CSRF, TOTP, password reset, registration and password change, through HTTP on a
// real database. Every refused request is also checked to have changed nothing it should not.
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { totpAt } from '../../src/server/platform/auth/totp.ts';
import { sha256 } from '../../src/server/platform/auth/tokens.ts';
import { type Agent, DEMO_PASSWORD, startTestPlatform, type TestPlatform } from '../platform.ts';
import { agentFrom, DEMO, expectError, fieldNames, sessionCookie, signIn } from '../helpers/agents.ts';
import { count, expectNoChange, rows, snapshot } from '../helpers/db-state.ts';
import { messagesTo, registerCitizen as register, runJobs, tokenSentTo } from '../helpers/mailbox.ts';

let t: TestPlatform;
let admin: Agent;
beforeAll(async () => {
  t = await startTestPlatform();
  admin = await signIn(t, DEMO.admin);
});
afterAll(() => t.close());
afterEach(() => {
  vi.useRealTimers();
});

const db = () => t.platform.deps.db;
const NEW_PASSWORD = 'Mật-khẩu-mới-2026!';
let seq = 0;
const unique = (prefix: string) => `${prefix}.${Date.now().toString(36)}${++seq}@example.vn`;

/** The session view (a public route): its user is null once the session no longer works. */
const probe = (a: Agent) => a.get('/api/auth/session');
async function isSignedIn(a: Agent): Promise<boolean> {
  const res = await probe(a);
  expect(res.statusCode).toBe(200);
  return res.json().user !== null;
}

async function userIdOf(email: string): Promise<string> {
  const [row] = await rows<{ id: string }>(
    db(),
    sql`select id from id_users where lower(email) = lower(${email})`,
  );
  expect(row, `user ${email}`).toBeTruthy();
  return row!.id;
}

async function auditActions(targetId: string): Promise<string[]> {
  const list = await rows<{ action: string }>(
    db(),
    sql`select action from audit_log where target_id = ${targetId} order by id`,
  );
  return list.map((r) => r.action);
}

const sessionsOf = (userId: string) => count(db(), 'id_sessions', sql`user_id = ${userId}`);

/** What a request wrote: the tables it changed and by how many rows. */
async function writesOf(send: () => Promise<LightMyRequestResponse>) {
  await runJobs(t); // nothing left over from earlier tests
  const before = await snapshot(db());
  const res = await send();
  const after = await snapshot(db());
  const changed = Object.keys(before)
    .filter((k) => before[k]!.md5 !== after[k]!.md5)
    .map((k) => `${k} +${after[k]!.rows - before[k]!.rows}`);
  const [job] = await rows<{ queue: string; keys: string[] }>(
    db(),
    sql`select queue, array(select jsonb_object_keys(payload) order by 1) as keys from jobs order by id desc limit 1`,
  );
  return { res, changed, job };
}

/** A citizen who registers through the API (so tests that change passwords leave demo accounts alone). */
async function registerCitizen(
  email = unique('cong.dan'),
): Promise<{ agent: Agent; email: string; id: string }> {
  const { agent, id } = await register(t, agentFrom(t), {
    fullName: 'Trần Văn Thử',
    email,
    password: DEMO_PASSWORD,
  });
  return { agent, email, id };
}

/** An official created by the demo administrator, with one role at one agency (by code). */
async function createOfficial(roleCode: string, agencyCode = '000.00.00.H29', email = unique('can.bo')) {
  const agencies = (await admin.get('/api/admin/agencies')).json().items as { id: string; code: string }[];
  const agency = agencies.find((a) => a.code === agencyCode)!;
  const res = await admin.post('/api/admin/users', {
    fullName: 'Lý Thị Kiểm',
    email,
    password: DEMO_PASSWORD,
    memberships: [{ agencyId: agency.id, roleCode }],
  });
  expect(res.statusCode, res.body).toBe(200);
  return { id: res.json().id as string, email };
}

describe('login', () => {
  it.each([
    ['e-mail', 'admin@cqs.demo', 'admin@cqs.demo'],
    ['e-mail in another case', 'Admin@CQS.demo', 'admin@cqs.demo'],
    ['phone 0912345678', '0912345678', 'congdan@cqs.demo'],
    ['phone +84912345678', '+84912345678', 'congdan@cqs.demo'],
  ])('signs in by %s', async (_name, identifier, email) => {
    const userId = await userIdOf(email);
    const logins = await count(db(), 'audit_log', sql`action = 'auth.login' and target_id = ${userId}`);
    const agent = agentFrom(t);
    const res = await agent.post('/api/auth/login', { identifier, password: DEMO_PASSWORD });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user).toMatchObject({ id: userId, email });
    expect(res.json().csrfToken).toEqual(expect.any(String));
    const cookie = res.cookies.find((c) => c.name === 'cqs_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    // The database keeps only the token's hash.
    expect(await count(db(), 'id_sessions', sql`token_hash = ${sha256(cookie.value)}`)).toBe(1);
    expect(await count(db(), 'id_sessions', sql`token_hash = ${cookie.value}`)).toBe(0);
    expect(await count(db(), 'audit_log', sql`action = 'auth.login' and target_id = ${userId}`)).toBe(
      logins + 1,
    );
    expect((await probe(agent)).json().user.id).toBe(userId);
  });

  describe('refusals look the same whatever the reason', () => {
    let disabled: { id: string; email: string };
    const bodies: { case: string; status: number; error: Record<string, unknown> }[] = [];
    beforeAll(async () => {
      disabled = await createOfficial('specialist', '000.00.21.H29');
      const res = await admin.patch(`/api/admin/users/${disabled.id}`, { disabled: true });
      expect(res.statusCode, res.body).toBe(200);
    });

    it.each([
      ['wrong password', () => ({ identifier: DEMO.admin, password: 'Sai-mat-khau-123' }), 'password'],
      ['unknown e-mail', () => ({ identifier: 'khong.co@cqs.demo', password: DEMO_PASSWORD }), 'unknown'],
      ['unknown phone', () => ({ identifier: '0999999999', password: DEMO_PASSWORD }), 'unknown'],
      ['disabled account', () => ({ identifier: disabled.email, password: DEMO_PASSWORD }), 'disabled'],
    ])('%s → 401 invalid_credentials, audited as auth.login_failed', async (name, body, reason) => {
      const failedBefore = await count(db(), 'audit_log', sql`action = 'auth.login_failed'`);
      const agent = agentFrom(t);
      const res = await expectNoChange(db(), () => agent.post('/api/auth/login', body()), [
        'users',
        'sessions',
        'memberships',
        'outbox',
      ]);
      const error = expectError(res, 401, 'invalid_credentials');
      expect(res.cookies).toEqual([]);
      expect(agent.cookies.size).toBe(0);
      bodies.push({ case: name, status: res.statusCode, error: { ...error, requestId: '<id>' } });
      const [last] = await rows<{ action: string; summary: { reason: string } }>(
        db(),
        sql`select action, summary from audit_log order by id desc limit 1`,
      );
      expect(last).toEqual({ action: 'auth.login_failed', summary: { reason } });
      expect(await count(db(), 'audit_log', sql`action = 'auth.login_failed'`)).toBe(failedBefore + 1);
    });

    it('every refusal had the same status and body (no account enumeration)', () => {
      expect(bodies).toHaveLength(4);
      for (const b of bodies)
        expect({ status: b.status, error: b.error }).toEqual({ status: 401, error: bodies[0]!.error });
      expect(Object.keys(bodies[0]!.error).sort()).toEqual(['code', 'message', 'requestId']);
    });
  });

  it('gives a new session token at every login; both sessions stay valid', async () => {
    const a = await signIn(t, DEMO.city_leader);
    const b = await signIn(t, DEMO.city_leader);
    expect(sessionCookie(a)).not.toBe(sessionCookie(b));
    expect(a.csrf).not.toBe(b.csrf);
    expect(await isSignedIn(a)).toBe(true);
    expect(await isSignedIn(b)).toBe(true);
    expect((await a.get('/api/agencies')).statusCode).toBe(200);
    expect((await b.get('/api/agencies')).statusCode).toBe(200);
  });

  it('replaces a session cookie the browser already had (no session fixation)', async () => {
    const a = await signIn(t, DEMO.city_leader);
    const before = sessionCookie(a);
    const res = await a.post('/api/auth/login', { identifier: DEMO.city_leader, password: DEMO_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(sessionCookie(a)).not.toBe(before);
  });
});

describe('logout', () => {
  it('ends only the session that logs out', async () => {
    const a = await signIn(t, DEMO.agency_leader);
    const b = await signIn(t, DEMO.agency_leader);
    const userId = await userIdOf(DEMO.agency_leader);
    const sessions = await sessionsOf(userId);
    const res = await a.post('/api/auth/logout');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(await sessionsOf(userId)).toBe(sessions - 1);
    expect(a.cookies.has('cqs_session')).toBe(false);
    expect(await auditActions(userId)).toContain('auth.logout');
    expect(await isSignedIn(b)).toBe(true);
    expect((await b.get('/api/agencies')).statusCode).toBe(200);
  });

  // Run a few rounds: on PostgreSQL the cache is cleared by a NOTIFY that arrives asynchronously, so a
  // single round could pass by luck.
  const ROUNDS = 5;

  it('a logged-out cookie, replayed at once by someone else, is refused', async () => {
    for (let round = 1; round <= ROUNDS; round++) {
      const a = await signIn(t, DEMO.agency_leader);
      const token = sessionCookie(a);
      expect((await a.get('/api/agencies')).statusCode).toBe(200); // principal cached
      expect((await a.post('/api/auth/logout')).statusCode).toBe(200);
      const thief = agentFrom(t);
      thief.cookies.set('cqs_session', token);
      expectError(await thief.get('/api/agencies'), 401, 'unauthenticated');
    }
  });

  it('logout-all ends every session of the user at once, and only theirs', async () => {
    const userId = await userIdOf(DEMO.one_stop_officer_centre);
    const other = await signIn(t, DEMO.specialist);
    for (let round = 1; round <= ROUNDS; round++) {
      const sessions = [
        await signIn(t, DEMO.one_stop_officer_centre),
        await signIn(t, DEMO.one_stop_officer_centre),
        await signIn(t, DEMO.one_stop_officer_centre),
      ];
      for (const s of sessions) expect((await s.get('/api/agencies')).statusCode).toBe(200); // cached
      const res = await sessions[0]!.post('/api/auth/logout-all');
      expect(res.statusCode, res.body).toBe(200);
      for (const s of sessions.slice(1)) expectError(await s.get('/api/agencies'), 401, 'unauthenticated');
      expect(await sessionsOf(userId)).toBe(0);
    }
    expect((await other.get('/api/agencies')).statusCode).toBe(200);
    expect(await auditActions(userId)).toContain('auth.logout_all');
  });
});

describe('disabling an account', () => {
  it('ends the official’s open sessions at once and refuses new logins', async () => {
    const official = await createOfficial('specialist', '000.00.22.H29');
    const session = await signIn(t, official.email);
    expect((await session.get('/api/agencies')).statusCode).toBe(200); // principal now cached
    const res = await admin.patch(`/api/admin/users/${official.id}`, { disabled: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().disabled).toBe(true);
    expectError(await session.get('/api/agencies'), 401, 'unauthenticated');
    expect(await sessionsOf(official.id)).toBe(0);
    expectError(
      await agentFrom(t).post('/api/auth/login', { identifier: official.email, password: DEMO_PASSWORD }),
      401,
      'invalid_credentials',
    );
    expect(await auditActions(official.id)).toContain('user.disable');
  });

  it('a root administrator can disable a citizen, which ends the citizen’s sessions', async () => {
    const citizen = await registerCitizen();
    expect(await isSignedIn(citizen.agent)).toBe(true); // principal now cached
    const res = await admin.patch(`/api/admin/users/${citizen.id}`, { disabled: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(await isSignedIn(citizen.agent)).toBe(false);
    expect(await sessionsOf(citizen.id)).toBe(0);
  });
});

describe('session timeouts', () => {
  async function setSession(agent: Agent, set: ReturnType<typeof sql>) {
    await t.platform.deps.db.execute(
      sql`update id_sessions set ${set} where token_hash = ${sha256(sessionCookie(agent))}`,
    );
  }
  const idle = sql`last_seen_at = now() - interval '31 minutes'`;
  const absolute = sql`created_at = now() - interval '12 hours 1 minute', expires_at = now() - interval '1 minute', last_seen_at = now()`;

  it.each([
    ['idle for 31 minutes', idle],
    ['older than 12 hours (though used a moment ago)', absolute],
  ])('a session %s → 401 session_expired, then the session is gone', async (_name, change) => {
    // Signed in, then left: the first request after the timeout finds no cached principal.
    const a = await signIn(t, DEMO.city_leader);
    await setSession(a, change);
    expectError(await a.get('/api/agencies'), 401, 'session_expired');
    expect(await count(db(), 'id_sessions', sql`token_hash = ${sha256(sessionCookie(a))}`)).toBe(0);
    expectError(await a.get('/api/agencies'), 401, 'unauthenticated');
  });

  it.each([
    ['idle', idle],
    ['absolute', absolute],
  ])(
    'the %s timeout also ends a session whose principal is cached, once the 30 s cache entry is stale',
    async (_name, change) => {
      const a = await signIn(t, DEMO.city_leader);
      expect((await a.get('/api/agencies')).statusCode).toBe(200); // cached now
      await setSession(a, change);
      // Time passes: only Date is faked (timers, sockets and the database run normally).
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + 31_000);
      expectError(await a.get('/api/agencies'), 401, 'session_expired');
      expect(await count(db(), 'id_sessions', sql`token_hash = ${sha256(sessionCookie(a))}`)).toBe(0);
    },
  );

  it('an idle session is refused on a public route too (no principal, no CSRF bypass)', async () => {
    const a = await signIn(t, DEMO.city_leader);
    await setSession(a, idle);
    const res = await probe(a);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user: null, csrfToken: null });
  });
});

describe('CSRF', () => {
  it.each([
    ['without x-csrf-token', null],
    ['with a wrong x-csrf-token', 'not-the-token'],
    ['with another session’s token', 'other'],
  ])('a cookie-authenticated write %s → 403 csrf_invalid, nothing changes', async (_name, token) => {
    const a = await signIn(t, DEMO.specialist);
    const other = await signIn(t, DEMO.specialist);
    const real = a.csrf;
    const headers: Record<string, string> = {};
    if (token === 'other') headers['x-csrf-token'] = other.csrf!;
    else if (token) headers['x-csrf-token'] = token;
    a.csrf = null;
    try {
      await expectNoChange(db(), async () => {
        expectError(await a.patch('/api/account', { fullName: 'Kẻ Giả Mạo' }, headers), 403, 'csrf_invalid');
        expectError(await a.post('/api/auth/logout-all', {}, headers), 403, 'csrf_invalid');
        expectError(
          await a.post('/api/files', Buffer.from('%PDF-1.4\n'), {
            ...headers,
            'content-type': 'application/pdf',
          }),
          403,
          'csrf_invalid',
        );
      });
    } finally {
      a.csrf = real;
    }
    // With its token the same session works.
    expect((await a.patch('/api/account', {})).statusCode).toBe(200);
    expect(await isSignedIn(a)).toBe(true);
  });
});

describe('TOTP', () => {
  const wrongCode = (secret: string) => {
    const valid = new Set([-30_000, 0, 30_000].map((d) => totpAt(secret, Date.now() + d)));
    return ['000000', '111111', '123456', '654321'].find((c) => !valid.has(c))!;
  };

  it('an administrator sets up, enables, signs in with and disables TOTP', async () => {
    const second = await createOfficial('admin'); // a root administrator of its own: the demo admin stays usable
    const a = await signIn(t, second.email);
    const setup = await a.post('/api/account/totp/setup');
    expect(setup.statusCode, setup.body).toBe(200);
    const { secret, otpauthUrl, qrSvg } = setup.json() as {
      secret: string;
      otpauthUrl: string;
      qrSvg: string;
    };
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUrl).toContain(`secret=${secret}`);
    expect(qrSvg).toContain('<svg');

    // Stored encrypted: neither the secret nor its lower-case form is in the row.
    const [stored] = await rows<{ totp_secret: string; totp_enabled_at: Date | null }>(
      db(),
      sql`select totp_secret, totp_enabled_at from id_users where id = ${second.id}`,
    );
    expect(stored!.totp_secret).toMatch(/^v1\./);
    expect(stored!.totp_secret).not.toContain(secret);
    expect(stored!.totp_secret.toUpperCase()).not.toContain(secret);
    expect(stored!.totp_enabled_at).toBeNull();

    // Pending set-up is not enforced yet.
    expect(
      (await agentFrom(t).post('/api/auth/login', { identifier: second.email, password: DEMO_PASSWORD }))
        .statusCode,
    ).toBe(200);

    const wrong = await expectNoChange(
      db(),
      () => a.post('/api/account/totp/enable', { code: wrongCode(secret) }),
      ['users'],
    );
    expect(fieldNames(expectError(wrong, 401, 'totp_invalid'))).toEqual(['body.code']);
    const ok = await a.post('/api/account/totp/enable', { code: totpAt(secret, Date.now()) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await probe(a)).json().user.totpEnabled).toBe(true);

    const login = (totp?: string) =>
      agentFrom(t).post('/api/auth/login', {
        identifier: second.email,
        password: DEMO_PASSWORD,
        ...(totp ? { totp } : {}),
      });
    const sessions = await sessionsOf(second.id);
    expectError(await login(), 401, 'totp_required');
    expectError(await login(wrongCode(secret)), 401, 'totp_invalid');
    expect(await sessionsOf(second.id)).toBe(sessions);
    const [failed] = await rows<{ summary: { reason: string } }>(
      db(),
      sql`select summary from audit_log where action = 'auth.login_failed' and target_id = ${second.id} order by id desc limit 1`,
    );
    expect(failed!.summary.reason).toBe('totp');
    // A wrong password with TOTP on is still just invalid_credentials.
    expectError(
      await agentFrom(t).post('/api/auth/login', {
        identifier: second.email,
        password: 'Sai-mat-khau-1',
        totp: totpAt(secret, Date.now()),
      }),
      401,
      'invalid_credentials',
    );
    const good = await login(totpAt(secret, Date.now()));
    expect(good.statusCode, good.body).toBe(200);
    expect(await sessionsOf(second.id)).toBe(sessions + 1);

    expectError(await a.post('/api/account/totp/disable', { code: wrongCode(secret) }), 401, 'totp_invalid');
    const off = await a.post('/api/account/totp/disable', { code: totpAt(secret, Date.now()) });
    expect(off.statusCode, off.body).toBe(200);
    const [after] = await rows<{ totp_secret: string | null; totp_enabled_at: Date | null }>(
      db(),
      sql`select totp_secret, totp_enabled_at from id_users where id = ${second.id}`,
    );
    expect(after).toEqual({ totp_secret: null, totp_enabled_at: null });
    expect((await login()).statusCode).toBe(200);
    expect(await auditActions(second.id)).toEqual(
      expect.arrayContaining(['account.totp_setup', 'account.totp_enable', 'account.totp_disable']),
    );
  });
});

describe('password reset', () => {
  const request = (identifier: string) =>
    agentFrom(t).post('/api/auth/password-reset/request', { identifier });
  const confirm = (token: string, password = NEW_PASSWORD) =>
    agentFrom(t).post('/api/auth/password-reset/confirm', { token, password });
  const login = (identifier: string, password: string) =>
    agentFrom(t).post('/api/auth/login', { identifier, password });

  const resetToken = (recipient: string) => tokenSentTo(t, recipient, '/dat-lai-mat-khau');

  it('answers the same, doing the same work, for an unknown and a known account; a job sends the link', async () => {
    const citizen = await registerCitizen();
    const unknown = await writesOf(() => request('khong.ton.tai@example.vn'));
    const known = await writesOf(() => request(citizen.email));
    expect(unknown.res.statusCode).toBe(200);
    expect(known.res.statusCode).toBe(200);
    expect(unknown.res.json()).toEqual({ ok: true });
    expect(known.res.json()).toEqual(unknown.res.json());
    // The request only queues the work (the same job either way); looking the account up, the token
    // and the message happen in the job, so the answer takes no longer for a real account.
    expect(unknown.changed).toEqual(['audit +1', 'jobs +1']);
    expect(known.changed).toEqual(unknown.changed);
    expect(known.job).toEqual(unknown.job);
    expect(known.job!.queue).toBe('identity.password_reset');

    expect(await messagesTo(t, 'khong.ton.tai@example.vn')).toEqual([]);
    const sent = await messagesTo(t, citizen.email);
    expect(sent.map((m) => m.channel)).toEqual(['email', 'email']); // confirmation of registration, reset
    const token = await resetToken(citizen.email);
    expect(token.length).toBeGreaterThanOrEqual(40);
    // Only the token's hash is stored.
    expect(await count(db(), 'id_password_resets', sql`token_hash = ${sha256(token)}`)).toBe(1);
    expect(await count(db(), 'id_password_resets', sql`token_hash = ${token}`)).toBe(0);
    expect(await auditActions(citizen.id)).toContain('auth.password_reset_sent');
  });

  it('sends the link by SMS to a phone-only account, found by either phone form', async () => {
    const phone = `09${String(Date.now()).slice(-8)}`;
    await register(t, agentFrom(t), { fullName: 'Đỗ Văn Điện', phone, password: DEMO_PASSWORD });
    expect((await request(`+84${phone.slice(1)}`)).statusCode).toBe(200);
    const [msg] = (await messagesTo(t, phone)).reverse();
    expect(msg!.channel).toBe('sms');
    expect(msg!.body).toMatch(/dat-lai-mat-khau\?token=[A-Za-z0-9_-]{40,}/);
  });

  it('the administrator’s outbox view shows reset and registration messages without their link (e-mail and SMS)', async () => {
    const citizen = await registerCitizen();
    const phone = `09${String(Date.now() + 7).slice(-8)}`;
    await register(t, agentFrom(t), { fullName: 'Đỗ Thị Tin', phone, password: DEMO_PASSWORD });
    await request(citizen.email);
    await request(phone);
    const emailToken = await resetToken(citizen.email);
    const smsToken = await resetToken(phone);

    const res = await admin.get('/api/admin/messages');
    expect(res.statusCode, res.body).toBe(200);
    const shown = (res.json().items as { recipient: string; body: string }[]).filter(
      (m) => m.recipient === citizen.email || m.recipient === phone,
    );
    expect(shown.length).toBeGreaterThanOrEqual(2);
    expect(res.body).not.toContain(emailToken);
    expect(res.body).not.toContain(smsToken);
    // Reset links and the registration's confirmation links alike.
    expect(shown.filter((m) => m.body.includes('/dat-lai-mat-khau?token=••••••'))).toHaveLength(2);
    expect(shown.filter((m) => m.body.includes('/xac-nhan-dang-ky?token=••••••'))).toHaveLength(2);
    for (const m of shown) expect(m.body).not.toMatch(/token=[A-Za-z0-9_-]/);
  });

  it('a confirmed reset sets the password, ends every session, and the token is single-use', async () => {
    const citizen = await registerCitizen();
    const second = await signIn(t, citizen.email);
    expect(await request(citizen.email).then((r) => r.statusCode)).toBe(200);
    const token = await resetToken(citizen.email);

    const res = await confirm(token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(await isSignedIn(citizen.agent)).toBe(false);
    expect(await isSignedIn(second)).toBe(false);
    expect(await sessionsOf(citizen.id)).toBe(0);
    expectError(await login(citizen.email, DEMO_PASSWORD), 401, 'invalid_credentials');
    expect((await login(citizen.email, NEW_PASSWORD)).statusCode).toBe(200);
    expect(await auditActions(citizen.id)).toContain('auth.password_reset');

    const again = await expectNoChange(db(), () => confirm(token, 'Một-mật-khẩu-khác-99'), [
      'users',
      'sessions',
    ]);
    expectError(again, 400, 'invalid_reset_token');
    expect((await login(citizen.email, NEW_PASSWORD)).statusCode).toBe(200);
  });

  it('an expired token → 400 invalid_reset_token, the password stays', async () => {
    const citizen = await registerCitizen();
    await request(citizen.email);
    const token = await resetToken(citizen.email);
    await t.platform.deps.db.execute(
      sql`update id_password_resets set expires_at = now() - interval '1 second' where token_hash = ${sha256(token)}`,
    );
    const res = await expectNoChange(db(), () => confirm(token), [
      'users',
      'sessions',
      'password_resets',
      'audit',
    ]);
    expectError(res, 400, 'invalid_reset_token');
    expect(await isSignedIn(citizen.agent)).toBe(true);
    expect((await login(citizen.email, DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('an unknown token → 400 invalid_reset_token', async () => {
    const res = await expectNoChange(db(), () => confirm('x'.repeat(43)), [
      'users',
      'sessions',
      'password_resets',
    ]);
    expectError(res, 400, 'invalid_reset_token');
  });

  it('a weak new password is refused and leaves the token usable', async () => {
    const citizen = await registerCitizen();
    await request(citizen.email);
    const token = await resetToken(citizen.email);
    const weak = await expectNoChange(db(), () => confirm(token, 'abc'), [
      'users',
      'sessions',
      'password_resets',
    ]);
    expect(fieldNames(expectError(weak, 400, 'weak_password'))).toContain('body.password');
    expect((await confirm(token)).statusCode).toBe(200);
  });

  it('once a reset succeeds, the other links sent to the account no longer work', async () => {
    const citizen = await registerCitizen();
    await request(citizen.email);
    const first = await resetToken(citizen.email);
    await request(citizen.email);
    const second = await resetToken(citizen.email);
    expect(second).not.toBe(first);
    expect((await confirm(second)).statusCode).toBe(200);
    // An older link (e.g. read by someone with access to the mailbox or the outbox) must not reset it again.
    expectError(await confirm(first, 'Kẻ-lạ-đặt-lại-2026'), 400, 'invalid_reset_token');
    expect((await login(citizen.email, NEW_PASSWORD)).statusCode).toBe(200);
  });
});

describe('citizen registration', () => {
  const confirm = (token: string, agent = agentFrom(t)) =>
    agent.post('/api/auth/register/confirm', { token });

  it('answers ok and sends a confirmation link; the link creates the citizen and signs them in, once', async () => {
    const email = unique('dang.ky');
    const agent = agentFrom(t);
    const res = await agent.post('/api/auth/register', {
      fullName: 'Hoàng Thị Đăng Ký',
      email: email.toUpperCase(),
      phone: `+8498${String(Date.now()).slice(-7)}`,
      password: DEMO_PASSWORD,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(res.cookies).toEqual([]);
    const [message] = await messagesTo(t, email);
    expect(message).toMatchObject({ channel: 'email', subject: 'Xác nhận đăng ký tài khoản CQS' });
    // No account until the link is opened; the link's token is stored only as a hash.
    expect(await count(db(), 'id_users', sql`lower(email) = ${email}`)).toBe(0);
    const token = await tokenSentTo(t, email, '/xac-nhan-dang-ky');
    expect(await count(db(), 'id_registrations', sql`token_hash = ${sha256(token)}`)).toBe(1);
    expect(await count(db(), 'id_registrations', sql`token_hash = ${token}`)).toBe(0);

    const confirmed = await confirm(token, agent);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const user = confirmed.json().user;
    expect(user).toMatchObject({
      kind: 'citizen',
      email,
      fullName: 'Hoàng Thị Đăng Ký',
      memberships: [],
      permissions: [],
    });
    expect(user.phone).toMatch(/^098\d{7}$/); // stored in the 0xxxxxxxxx form
    expect((await probe(agent)).json().user.id).toBe(user.id);
    const [row] = await rows<{ kind: string; password_hash: string }>(
      db(),
      sql`select kind, password_hash from id_users where id = ${user.id}`,
    );
    expect(row!.kind).toBe('citizen');
    expect(row!.password_hash).toMatch(/^\$argon2id\$/);
    expect(await auditActions(user.id)).toEqual(['user.register']);
    expect(
      await count(
        db(),
        'outbox_events',
        sql`type = 'identity.user_registered' and aggregate_id = ${user.id}`,
      ),
    ).toBe(1);
    expect(await sessionsOf(user.id)).toBe(1);
    expect(await count(db(), 'id_registrations', sql`token_hash = ${sha256(token)}`)).toBe(0);

    const again = await expectNoChange(db(), () => confirm(token), ['users', 'sessions']);
    expectError(again, 400, 'invalid_registration_token');
  });

  it('an expired link → 400 invalid_registration_token, no account', async () => {
    const email = unique('het.han');
    expect(
      (
        await agentFrom(t).post('/api/auth/register', {
          fullName: 'Lê Hết Hạn',
          email,
          password: DEMO_PASSWORD,
        })
      ).statusCode,
    ).toBe(200);
    const token = await tokenSentTo(t, email, '/xac-nhan-dang-ky');
    await db().execute(
      sql`update id_registrations set expires_at = now() - interval '1 second' where token_hash = ${sha256(token)}`,
    );
    expectError(await confirm(token), 400, 'invalid_registration_token');
    expect(await count(db(), 'id_users', sql`lower(email) = ${email}`)).toBe(0);
  });

  describe('a taken e-mail or phone answers like a new registration; the holder is told instead', () => {
    const answers: { name: string; status: number; body: unknown; changed: string[]; job: unknown }[] = [];
    it.each([
      ['a new e-mail', () => ({ email: unique('moi') }), null],
      ['a taken e-mail (any case)', () => ({ email: 'CongDan@CQS.demo' }), DEMO.citizen],
      ['a taken phone (another form)', () => ({ phone: '+84912345678' }), DEMO.citizen],
    ])('%s → 200 { ok: true }', async (name, contact, holder) => {
      const body = { fullName: 'Người Thử', ...contact(), password: DEMO_PASSWORD };
      const told = holder ? (await messagesTo(t, holder)).length : 0;
      const users = await count(db(), 'id_users');
      const w = await writesOf(() => agentFrom(t).post('/api/auth/register', body));
      expect(w.res.cookies).toEqual([]);
      answers.push({ name, status: w.res.statusCode, body: w.res.json(), changed: w.changed, job: w.job });
      if (!holder) return;
      // The job finds the contact taken: the pending registration goes, the holder gets a message.
      const after = await messagesTo(t, holder);
      expect(after).toHaveLength(told + 1);
      expect(after.at(-1)!.subject).toBe('Bạn đã có tài khoản CQS');
      expect(after.at(-1)!.body).toContain('/quen-mat-khau');
      expect(await count(db(), 'id_users')).toBe(users);
      expect(
        await count(db(), 'id_registrations', sql`email = 'congdan@cqs.demo' or phone = '0912345678'`),
      ).toBe(0);
      const holderId = await userIdOf(holder);
      expect(await auditActions(holderId)).toContain('user.register_contact_taken');
    });

    it('every answer, and every write the request made, was the same', () => {
      expect(answers).toHaveLength(3);
      for (const a of answers) {
        expect(a.status).toBe(200);
        expect(a.body).toEqual({ ok: true });
        // The same rows written whatever the contact: checking it is the job's work.
        expect(a.changed).toEqual(['registrations +1', 'audit +1', 'jobs +1']);
        expect(a.job).toEqual(answers[0]!.job);
      }
      expect((answers[0]!.job as { queue: string }).queue).toBe('identity.registration');
    });
  });

  it.each([
    ['too short and too simple', 'aaaa1', ['password.too_short', 'password.too_simple']],
    ['containing the e-mail', 'weak.pw.person@example.vn!', ['password.contains_personal']],
  ])('a weak password (%s) → 400 weak_password with field messages', async (_name, password, keys) => {
    const res = await expectNoChange(db(), () =>
      agentFrom(t).post('/api/auth/register', {
        fullName: 'Mật Khẩu Yếu',
        email: 'weak.pw.person@example.vn',
        password,
      }),
    );
    const error = expectError(res, 400, 'weak_password');
    expect(error.fields!.length).toBe(keys.length);
    for (const f of error.fields!) {
      expect(f.field).toBe('body.password');
      expect(f.message).toMatch(/Mật khẩu/);
    }
  });
});

describe('change password', () => {
  it('a wrong current password → error on body.currentPassword, nothing changes but the audited failure', async () => {
    const citizen = await registerCitizen();
    const res = await expectNoChange(
      db(),
      () =>
        citizen.agent.post('/api/account/password', {
          currentPassword: 'Khong-phai-mat-khau',
          newPassword: NEW_PASSWORD,
        }),
      ['users', 'sessions', 'memberships', 'messages', 'outbox'],
    );
    expect(await auditActions(citizen.id)).toContain('account.password_change_failed');
    const error = expectError(res, 400, 'validation');
    expect(fieldNames(error)).toEqual(['body.currentPassword']);
    expect(error.fields![0]!.message).toBe('Mật khẩu hiện tại không đúng.');
    expect(await isSignedIn(citizen.agent)).toBe(true);
  });

  it('a weak new password → 400 weak_password on body.newPassword', async () => {
    const citizen = await registerCitizen();
    const res = await expectNoChange(db(), () =>
      citizen.agent.post('/api/account/password', { currentPassword: DEMO_PASSWORD, newPassword: 'short' }),
    );
    expect(fieldNames(expectError(res, 400, 'weak_password'))).toContain('body.newPassword');
  });

  it('success keeps this session and ends the others', async () => {
    const citizen = await registerCitizen();
    const other = await signIn(t, citizen.email);
    const third = await signIn(t, citizen.email);
    expect(await isSignedIn(other)).toBe(true); // cached
    const res = await citizen.agent.post('/api/account/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await isSignedIn(citizen.agent)).toBe(true);
    expect(await isSignedIn(other)).toBe(false);
    expect(await isSignedIn(third)).toBe(false);
    expect(await sessionsOf(citizen.id)).toBe(1);
    const login = (password: string) =>
      agentFrom(t).post('/api/auth/login', { identifier: citizen.email, password });
    expectError(await login(DEMO_PASSWORD), 401, 'invalid_credentials');
    expect((await login(NEW_PASSWORD)).statusCode).toBe(200);
    expect(await auditActions(citizen.id)).toContain('account.password_change');
  });
});

describe('attempt limit on checks of a signed-in account (current password, TOTP code)', () => {
  const wrongCode = (secret: string) => {
    const valid = new Set([-30_000, 0, 30_000].map((d) => totpAt(secret, Date.now() + d)));
    return ['000000', '111111', '123456', '654321'].find((c) => !valid.has(c))!;
  };
  const countActions = (userId: string, action: string) =>
    count(db(), 'audit_log', sql`action = ${action} and target_id = ${userId}`);
  const lockMessages = (recipient: string) =>
    rows<{ channel: string; subject: string; body: string }>(
      db(),
      sql`select channel, subject, body from messages where recipient = ${recipient} and template = 'account_checks_locked'`,
    );
  /** A citizen with TOTP turned on, and the secret of their authenticator. */
  async function citizenWithTotp() {
    const citizen = await registerCitizen();
    const { secret } = (await citizen.agent.post('/api/account/totp/setup')).json() as { secret: string };
    const on = await citizen.agent.post('/api/account/totp/enable', { code: totpAt(secret, Date.now()) });
    expect(on.statusCode, on.body).toBe(200);
    return { ...citizen, secret };
  }

  it('five wrong current passwords, from any session and address, lock the password change for 15 minutes; audited, the holder is told by e-mail', async () => {
    const citizen = await registerCitizen();
    const elsewhere = await signIn(t, citizen.email); // another session, another address
    const change = (a: Agent, currentPassword: string) =>
      a.post('/api/account/password', { currentPassword, newPassword: NEW_PASSWORD });
    for (let i = 1; i <= 5; i++) {
      const res = await change(i % 2 ? citizen.agent : elsewhere, `Sai-mat-khau-${i}`);
      expect(fieldNames(expectError(res, 400, 'validation'))).toEqual(['body.currentPassword']);
    }
    expect(await countActions(citizen.id, 'account.password_change_failed')).toBe(5);
    expect(await countActions(citizen.id, 'account.checks_locked')).toBe(1);
    const told = await lockMessages(citizen.email);
    expect(told).toHaveLength(1);
    expect(told[0]!.channel).toBe('email');
    expect(told[0]!.body).toContain('khi đổi mật khẩu (mật khẩu hiện tại)');

    // Locked: even the right password is refused, nothing changes, and the answer says how long.
    const locked = await expectNoChange(db(), () => change(citizen.agent, DEMO_PASSWORD), [
      'users',
      'sessions',
      'messages',
    ]);
    const error = expectError(locked, 429, 'too_many_attempts');
    expect(error.message).toContain('15 phút');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    expect(await lockMessages(citizen.email)).toHaveLength(1); // told once per lock

    // Once the cool-down is over, the right password works again.
    await db().execute(
      sql`update attempt_limits set locked_until = now() - interval '1 second' where key = ${`account:${citizen.id}`}`,
    );
    expect((await change(citizen.agent, DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('five wrong codes lock turning TOTP off; the right code is refused while locked and TOTP stays on', async () => {
    const citizen = await citizenWithTotp();
    const disable = (code: string) => citizen.agent.post('/api/account/totp/disable', { code });
    for (let i = 1; i <= 5; i++) expectError(await disable(wrongCode(citizen.secret)), 401, 'totp_invalid');
    expect(await countActions(citizen.id, 'account.totp_disable_failed')).toBe(5);
    expect(await countActions(citizen.id, 'account.checks_locked')).toBe(1);
    expect((await lockMessages(citizen.email))[0]!.body).toContain('khi tắt xác thực hai lớp (mã xác thực)');
    expectError(await disable(totpAt(citizen.secret, Date.now())), 429, 'too_many_attempts');
    expect((await probe(citizen.agent)).json().user.totpEnabled).toBe(true);
  });

  it('a right answer starts the count afresh', async () => {
    const citizen = await registerCitizen();
    const change = (currentPassword: string, newPassword: string) =>
      citizen.agent.post('/api/account/password', { currentPassword, newPassword });
    for (let i = 1; i <= 4; i++)
      expect((await change(`Sai-${i}-mat-khau`, NEW_PASSWORD)).statusCode).toBe(400);
    expect((await change(DEMO_PASSWORD, NEW_PASSWORD)).statusCode).toBe(200);
    for (let i = 1; i <= 4; i++)
      expect((await change(`Sai-${i}-mat-khau`, DEMO_PASSWORD)).statusCode).toBe(400);
    expect((await change(NEW_PASSWORD, DEMO_PASSWORD)).statusCode).toBe(200);
    expect(await countActions(citizen.id, 'account.checks_locked')).toBe(0);
  });

  it('the second step of sign-in counts too: five wrong codes with the right password lock it', async () => {
    const citizen = await citizenWithTotp();
    const login = (totp: string) =>
      agentFrom(t).post('/api/auth/login', { identifier: citizen.email, password: DEMO_PASSWORD, totp });
    for (let i = 1; i <= 5; i++) expectError(await login(wrongCode(citizen.secret)), 401, 'totp_invalid');
    expect(await countActions(citizen.id, 'account.checks_locked')).toBe(1);
    expect((await lockMessages(citizen.email))[0]!.body).toContain('khi đăng nhập (mã xác thực hai lớp)');
    const sessions = await sessionsOf(citizen.id);
    expectError(await login(totpAt(citizen.secret, Date.now())), 429, 'too_many_attempts');
    expect(await sessionsOf(citizen.id)).toBe(sessions);
  });
});

describe('login rate limit', () => {
  it('the 11th attempt on one account within a minute from one address → 429 rate_limited, even with the right password', async () => {
    const ip = '203.0.113.7';
    const attacker = agentFrom(t, ip);
    for (let i = 1; i <= 10; i++) {
      const res = await attacker.post('/api/auth/login', {
        identifier: DEMO.admin,
        password: `Sai-${i}-mat-khau`,
      });
      expectError(res, 401, 'invalid_credentials');
    }
    const before = await snapshot(db());
    const eleventh = await agentFrom(t, ip).post('/api/auth/login', {
      identifier: DEMO.admin,
      password: DEMO_PASSWORD,
    });
    expectError(eleventh, 429, 'rate_limited');
    expect(eleventh.headers['retry-after']).toBeDefined();
    expect(eleventh.cookies).toEqual([]);
    expect(await snapshot(db())).toEqual(before); // not even a login_failed row
    // Another address is not affected, nor another account from the same address (an office behind one
    // public address), however the identifier is written.
    expect(
      (await agentFrom(t).post('/api/auth/login', { identifier: DEMO.admin, password: DEMO_PASSWORD }))
        .statusCode,
    ).toBe(200);
    expect(
      (await agentFrom(t, ip).post('/api/auth/login', { identifier: DEMO.citizen, password: DEMO_PASSWORD }))
        .statusCode,
    ).toBe(200);
    const shouted = await agentFrom(t, ip).post('/api/auth/login', {
      identifier: ` ${DEMO.admin.toUpperCase()} `,
      password: DEMO_PASSWORD,
    });
    expectError(shouted, 429, 'rate_limited');
  });

  it('counts a phone number however it is written (spaces, dots, dashes, +84) as one account', async () => {
    const ip = '203.0.113.8';
    // The demo citizen's phone 0912345678, written ten ways: all the same account to the lookup.
    // (Checks the seed: the phone belongs to the demo citizen.)
    const forms = [
      '0912345678',
      '0912 345 678',
      '0912.345.678',
      '091-234-5678',
      '+84912345678',
      '+84 912 345 678',
      ' 0912345678 ',
      '+84.912.345.678',
      '09 12 34 56 78',
      '+84-912-345-678',
    ];
    for (const identifier of forms) {
      const res = await agentFrom(t, ip).post('/api/auth/login', { identifier, password: 'Sai-mat-khau-1' });
      expectError(res, 401, 'invalid_credentials');
    }
    const before = await snapshot(db());
    // Nor by the account's e-mail address: the limit is the account's.
    for (const identifier of ['+84 91 23 45 678', DEMO.citizen.toUpperCase()]) {
      const res = await agentFrom(t, ip).post('/api/auth/login', { identifier, password: DEMO_PASSWORD });
      expectError(res, 429, 'rate_limited');
    }
    expect(await snapshot(db())).toEqual(before);
  });
});
