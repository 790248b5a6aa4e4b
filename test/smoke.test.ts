import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from './platform.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t.close());

describe('smoke', () => {
  it('logs in as the demo admin and reads the session', async () => {
    const admin = await t.login('admin@cqs.demo');
    const res = await admin.get('/api/auth/session');
    expect(res.statusCode).toBe(200);
    expect(res.json().user.permissions).toContain('users.manage');
  });
});
