import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpAt } from '../../src/server/platform/auth/totp.ts';
import { startTestPlatform, type TestPlatform } from '../platform.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
  // As in production: administrators must use a second factor.
  await t.platform.deps.db.execute(sql`update id_roles set requires_totp = true where code = 'admin'`);
});
afterAll(() => t.close());

describe('a role that requires two-step verification', () => {
  it('lets the administrator in only as far as setting it up, then everywhere', async () => {
    const admin = await t.login('admin@cqs.demo');
    expect((await admin.get('/api/auth/session')).json().user.totpRequired).toBe(true);
    const blocked = await admin.get('/api/admin/users');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('totp_setup_required');
    const { secret } = (await admin.post('/api/account/totp/setup')).json();
    expect(
      (await admin.post('/api/account/totp/enable', { code: totpAt(secret, Date.now()) })).statusCode,
    ).toBe(200);
    expect((await admin.get('/api/admin/users')).statusCode).toBe(200);
    expect((await admin.get('/api/auth/session')).json().user.totpRequired).toBe(false);
  });

  it('does not touch roles without the requirement', async () => {
    const officer = await t.login('motcua.thudaumot@cqs.demo');
    expect((await officer.get('/api/dossiers/inbox')).statusCode).toBe(200);
  });
});
