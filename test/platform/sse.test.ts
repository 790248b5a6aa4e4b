import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../platform.ts';

let t: TestPlatform;
let base: string;
beforeAll(async () => {
  t = await startTestPlatform({ workers: true });
  base = await t.platform.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => t.close());

/** Opens /api/events with a session cookie and collects event names. */
async function openStream(cookie: string | null) {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/events`, {
    headers: cookie ? { cookie } : {},
    signal: controller.signal,
  });
  const events: string[] = [];
  if (res.status === 200) {
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          for (const m of decoder.decode(value).matchAll(/^data: (.+)$/gm))
            events.push((JSON.parse(m[1]!) as { type: string }).type);
        }
      } catch {
        // aborted
      }
    })();
  }
  return { status: res.status, events, close: () => controller.abort() };
}

async function loginCookie(email: string) {
  const agent = await t.login(email);
  return [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
}

describe('server-sent events', () => {
  it('refuses anonymous listeners', async () => {
    const s = await openStream(null);
    expect(s.status).toBe(401);
  });

  it('delivers an agency event to administrators only', async () => {
    const adminStream = await openStream(await loginCookie('admin@cqs.demo'));
    const citizenStream = await openStream(await loginCookie('congdan@cqs.demo'));
    expect(adminStream.status).toBe(200);
    const admin = await t.login('admin@cqs.demo');
    const agencies = (await admin.get('/api/admin/agencies')).json().items as {
      id: string;
      parentId: string | null;
    }[];
    const root = agencies.find((a) => a.parentId === null)!;
    const res = await admin.post('/api/admin/agencies', {
      code: '000.00.91.H29',
      name: 'Ban Quản lý thử nghiệm',
      kind: 'other',
      parentId: root.id,
      unitCode: '79',
    });
    expect(res.statusCode).toBe(200);
    await expect.poll(() => adminStream.events, { timeout: 5000 }).toContain('identity.agency_created');
    await new Promise((r) => setTimeout(r, 200));
    expect(citizenStream.events).not.toContain('identity.agency_created');
    adminStream.close();
    citizenStream.close();
  });
});
