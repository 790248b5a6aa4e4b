import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { JobRunner } from '../../src/server/platform/jobs/index.ts';
import { createLogger } from '../../src/server/platform/log.ts';
import { messages, queueMessage, registerMessageDelivery } from '../../src/server/platform/messages/index.ts';
import { httpSmsGateway, toGatewayNumber, unaccent } from '../../src/server/platform/messages/sms-http.ts';
import { type SmsGatewayFake, startSmsGateway } from '../helpers/sms-gateway.ts';
import { startTestPlatform, type TestPlatform } from '../platform.ts';

let t: TestPlatform;
let gateway: SmsGatewayFake;
let runner: JobRunner;
beforeAll(async () => {
  t = await startTestPlatform();
  gateway = await startSmsGateway();
  runner = new JobRunner({ database: t.platform.deps.database, log: createLogger('silent') });
  registerMessageDelivery(runner, {
    db: t.platform.deps.db,
    log: createLogger('silent'),
    smtpUrl: 'outbox',
    from: 'CQS <no-reply@cqs.test>',
    demo: false,
    sms: httpSmsGateway(gateway.url, gateway.token),
  });
});
afterAll(async () => {
  await gateway.close();
  await t.close();
});

const db = () => t.platform.deps.db;
async function queueSms(to: string, body: string) {
  await db().transaction((tx) => queueMessage(tx, { channel: 'sms', recipient: to, body }));
  const [row] = await db().select().from(messages).orderBy(sql`id desc`).limit(1);
  return row!.id;
}
const statusOf = async (id: number) =>
  (await db().select().from(messages).where(eq(messages.id, id)))[0]!.status;

describe('SMS through the gateway contract', () => {
  it('normalises numbers and removes diacritics', () => {
    expect(toGatewayNumber('0912 345 678')).toBe('84912345678');
    expect(toGatewayNumber('+84912345678')).toBe('84912345678');
    expect(unaccent('Hồ sơ đã được tiếp nhận')).toBe('Ho so da duoc tiep nhan');
  });

  it('delivers, and a retry after a lost answer is not sent twice', async () => {
    const id = await queueSms('0912345678', 'Hồ sơ 000.00.21.H29-261126-0001: Đã trả kết quả');
    await runner.tick();
    expect(await statusOf(id)).toBe('sent');
    expect(gateway.accepted.at(-1)).toMatchObject({
      to: '84912345678',
      text: 'Ho so 000.00.21.H29-261126-0001: Da tra ket qua',
      reference: `cqs-${id}`,
    });
    // The same reference again (a retry whose first answer was lost) is accepted as already sent.
    await httpSmsGateway(gateway.url, gateway.token).send('0912345678', 'x', `cqs-${id}`);
    expect(gateway.accepted.filter((m) => m.reference === `cqs-${id}`)).toHaveLength(1);
  });

  it('retries while the gateway is down, then delivers', async () => {
    gateway.failNext(1, 503);
    const id = await queueSms('0987654321', 'Thử lại');
    await runner.tick();
    expect(await statusOf(id)).toBe('queued');
    const [job] = await queryRows<{ status: string; attempts: number }>(
      db(),
      sql`select status, attempts from jobs where payload->>'id' = ${String(id)}`,
    );
    expect(job).toMatchObject({ status: 'pending', attempts: 1 });
    await db().execute(sql`update jobs set run_at = now() where payload->>'id' = ${String(id)}`);
    await runner.tick();
    expect(await statusOf(id)).toBe('sent');
  });

  it('marks a message the gateway refuses as failed, without retrying', async () => {
    const id = await queueSms('12345', 'Số sai');
    await runner.tick();
    expect(await statusOf(id)).toBe('failed');
    const [job] = await queryRows<{ status: string }>(
      db(),
      sql`select status from jobs where payload->>'id' = ${String(id)}`,
    );
    expect(job!.status).toBe('done');
  });
});
