// The guard on webhook targets (issue 10, finding 2): every form of a local or private address is
// refused when the URL is saved; a name that resolved to a public address at save time and to loopback
// at delivery time (DNS rebinding) is refused at connect time; the delivery log does not tell a closed
// port from a silent one. Names are resolved by a stub resolver: no DNS leaves the machine.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/platform/db/client.ts';
import {
  AddressRefused,
  createAddressGuard,
  type Resolver,
} from '../../src/server/platform/http/address-guard.ts';
import { deliverMany } from '../../src/server/modules/integration/webhooks/deliveries.ts';
import { expectNoChange } from '../helpers/db-state.ts';
import { type Agent, startTestPlatform, type TestPlatform } from '../platform.ts';

/** A stub DNS: fixed answers per name. */
const NAMES: Record<string, string[]> = {
  'hooks.example.vn': ['203.0.113.20'],
  localhost: ['127.0.0.1', '::1'],
  'internal.example.vn': ['10.1.2.3'],
  'split.example.vn': ['203.0.113.21', '192.168.0.10'],
  'metadata.example.vn': ['169.254.169.254'],
};
const stub: Resolver = async (host) => {
  const found = NAMES[host];
  if (!found) throw Object.assign(new Error(`ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

const REFUSED: [string, string][] = [
  ['http://127.0.0.1/hook', 'address'],
  ['http://127.9.9.9/hook', 'address'],
  ['http://localhost/hook', 'address'],
  ['http://0x7f000001/hook', 'address'],
  ['http://2130706433/hook', 'address'],
  ['http://017700000001/hook', 'address'],
  ['http://0177.0.0.1/hook', 'address'],
  ['http://127.1/hook', 'address'],
  ['http://0.0.0.0/hook', 'address'],
  ['http://[::1]/hook', 'address'],
  ['http://[::]/hook', 'address'],
  ['http://[::ffff:127.0.0.1]/hook', 'address'],
  ['http://[::ffff:7f00:1]/hook', 'address'],
  ['http://[0:0:0:0:0:ffff:a00:1]/hook', 'address'],
  ['http://[64:ff9b::7f00:1]/hook', 'address'],
  ['http://[2002:7f00:1::]/hook', 'address'],
  ['http://[fd00::1]/hook', 'address'],
  ['http://[fe80::1]/hook', 'address'],
  ['http://169.254.169.254/latest/meta-data/', 'address'],
  ['http://metadata.example.vn/latest/meta-data/', 'address'],
  ['http://10.0.0.5/hook', 'address'],
  ['http://172.16.0.1/hook', 'address'],
  ['http://172.31.255.254/hook', 'address'],
  ['http://192.168.1.1/hook', 'address'],
  ['http://100.64.0.1/hook', 'address'],
  ['http://224.0.0.1/hook', 'address'],
  ['http://255.255.255.255/hook', 'address'],
  ['http://internal.example.vn/hook', 'address'],
  ['http://split.example.vn/hook', 'address'],
  ['https://203.0.113.20:5432/hook', 'port'],
  ['https://hooks.example.vn:22/hook', 'port'],
  ['http://203.0.113.20:6379/hook', 'port'],
  ['ftp://203.0.113.20/hook', 'scheme'],
  ['file:///etc/passwd', 'scheme'],
  ['gopher://203.0.113.20:70/_x', 'scheme'],
  ['https://user:secret@hooks.example.vn/hook', 'credentials'],
];
const ACCEPTED = [
  'https://hooks.example.vn/hook',
  'http://hooks.example.vn:8080/hook',
  'https://203.0.113.20/hook',
  'https://203.0.113.20:8443/hook',
  'https://[2001:db8:1::20]/hook',
  // not resolvable yet: nothing to refuse now; checked again at connect time
  'https://not-yet.example.vn/hook',
];

describe('the address guard', () => {
  const guard = createAddressGuard({ resolve: stub });
  it.each(REFUSED)('refuses %s (%s)', async (url, reason) => {
    await expect(guard.checkUrl(url)).rejects.toMatchObject({ reason });
  });
  it.each(ACCEPTED)('accepts %s', async (url) => {
    await expect(guard.checkUrl(url)).resolves.toBeUndefined();
  });
  it('lets the operator’s allow-list through, and only the port it names', async () => {
    const dev = createAddressGuard({ resolve: stub, allow: ['127.0.0.1:4010', 'localhost', '10.1.0.0/16'] });
    await expect(dev.checkUrl('http://127.0.0.1:4010/hook')).resolves.toBeUndefined();
    await expect(dev.checkUrl('http://127.0.0.1:4011/hook')).rejects.toBeInstanceOf(AddressRefused);
    await expect(dev.checkUrl('http://localhost:3000/hook')).resolves.toBeUndefined();
    await expect(dev.checkUrl('http://10.1.2.3/hook')).resolves.toBeUndefined();
    await expect(dev.checkUrl('http://10.2.0.1/hook')).rejects.toBeInstanceOf(AddressRefused);
  });
});

describe('webhooks and the guard', () => {
  let t: TestPlatform;
  let admin: Agent;
  let clientId: string;
  let local: Server;
  let hits = 0;

  beforeAll(async () => {
    local = createServer((_req, res) => {
      hits++;
      res.end('ok');
    });
    await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve));
    t = await startTestPlatform();
    admin = await t.login('admin@cqs.demo');
    const c = await admin.post('/api/admin/api-clients', {
      name: 'Hệ thống thử SSRF',
      agencyId: (
        await queryRows<{ id: string }>(
          t.platform.deps.db,
          sql`select id from id_agencies where parent_id is null`,
        )
      )[0]!.id,
      scopes: ['dossiers:read'],
    });
    expect(c.statusCode, c.body).toBe(200);
    clientId = c.json().id;
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => local.close(resolve));
  });

  const subscribe = (url: string) =>
    admin.post(`/api/admin/api-clients/${clientId}/webhooks`, { url, eventTypes: ['dossier.changed'] });

  it('refuses to save a webhook at any local or private address, naming the field', async () => {
    const port = (local.address() as AddressInfo).port;
    for (const url of [
      `http://127.0.0.1:${port}/hook`,
      'http://0x7f000001/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://localhost/hook',
      'http://10.0.0.5/hook',
    ]) {
      const res = await expectNoChange(t.platform.deps.db, () => subscribe(url));
      expect(res.statusCode, url).toBe(400);
      const fields = res.json().error.fields as { field: string; message: string }[];
      expect(fields.map((f) => f.field)).toEqual(['body.url']);
      expect(fields[0]!.message).not.toMatch(/^field\./);
    }
    expect(hits).toBe(0);
  });

  /** A subscription (written directly: the route's check is tested above) and one delivery through `guard`. */
  async function deliverVia(url: string, guard: ReturnType<typeof createAddressGuard>) {
    const { db, secrets } = t.platform.deps;
    const [d] = await queryRows<{ id: string }>(
      db,
      sql`with s as (
            insert into int_webhook_subscriptions (client_id, url, event_types, secret_sealed)
            values (${clientId}, ${url}, array['dossier.changed'], ${secrets.seal('whsec_test')}) returning id)
          insert into int_webhook_deliveries (subscription_id, event_id, event_type, payload)
          select s.id, 'ev-' || s.id, 'dossier.changed', '{}'::jsonb from s returning id`,
    );
    await deliverMany({ db, secrets, timeoutMs: 300, guard }, [Number(d!.id)]);
    const [row] = await queryRows<{ last_error: string | null; last_status_code: number | null }>(
      db,
      sql`select last_error, last_status_code from int_webhook_deliveries where id = ${d!.id}`,
    );
    return row!;
  }

  it('refuses at connect time a name that now resolves to loopback (DNS rebinding)', async () => {
    const port = (local.address() as AddressInfo).port;
    let calls = 0;
    const rebinding: Resolver = async () =>
      ++calls === 1 ? [{ address: '203.0.113.30', family: 4 }] : [{ address: '127.0.0.1', family: 4 }];
    // Public at save time…
    const guard = createAddressGuard({ resolve: rebinding });
    await expect(guard.checkUrl('http://rebind.example.vn:8080/hook')).resolves.toBeUndefined();
    // …loopback at delivery time: refused before any connection.
    const row = await deliverVia('http://rebind.example.vn:8080/hook', guard);
    expect(row).toEqual({ last_error: 'address_refused', last_status_code: null });
    expect(calls).toBe(2);
    // The same name and path reach the local server when the operator allows the address: the
    // refusal above was the guard's, not a closed port.
    const allowed = createAddressGuard({
      resolve: async () => [{ address: '127.0.0.1', family: 4 }],
      allow: [`rebind.example.vn:${port}`],
    });
    expect(await deliverVia(`http://rebind.example.vn:${port}/hook`, allowed)).toEqual({
      last_error: null,
      last_status_code: 200,
    });
    expect(hits).toBe(1);
  });

  it('logs "no_answer" alike for a closed port and a silent one (no port scanning through the log)', async () => {
    const silent = createServer(() => {}); // accepts, never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const silentPort = (silent.address() as AddressInfo).port;
    const dev = createAddressGuard({ allow: ['127.0.0.1'] });
    const a = await deliverVia(`http://127.0.0.1:${closedPort}/hook`, dev);
    const b = await deliverVia(`http://127.0.0.1:${silentPort}/hook`, dev);
    expect(a).toEqual({ last_error: 'no_answer', last_status_code: null });
    expect(b).toEqual({ last_error: 'no_answer', last_status_code: null });
    silent.closeAllConnections();
    silent.close();
  });
});
