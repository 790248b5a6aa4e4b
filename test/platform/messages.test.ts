import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
      sql`select status, attempts from jobs where payload->'ids' @> ${JSON.stringify([id])}::jsonb`,
    );
    expect(job).toMatchObject({ status: 'pending', attempts: 1 });
    await db().execute(
      sql`update jobs set run_at = now() where payload->'ids' @> ${JSON.stringify([id])}::jsonb`,
    );
    await runner.tick();
    expect(await statusOf(id)).toBe('sent');
  });

  it('marks a message the gateway refuses as failed, without retrying', async () => {
    const id = await queueSms('12345', 'Số sai');
    await runner.tick();
    expect(await statusOf(id)).toBe('failed');
    const [job] = await queryRows<{ status: string }>(
      db(),
      sql`select status from jobs where payload->'ids' @> ${JSON.stringify([id])}::jsonb`,
    );
    expect(job!.status).toBe('done');
  });
});

describe('secrets in messages (links and codes that open an account)', () => {
  it('leave with the message, then the stored body keeps only the redacted copy', async () => {
    const code = '482913';
    await db().transaction((tx) =>
      queueMessage(tx, {
        channel: 'sms',
        recipient: '0911222333',
        body: `CQS: ma xac nhan ${code}`,
        secrets: [code],
      }),
    );
    const [row] = await db().select().from(messages).orderBy(sql`id desc`).limit(1);
    await runner.tick();
    expect(await statusOf(row!.id)).toBe('sent');
    expect(gateway.accepted.at(-1)!.text).toBe(`CQS: ma xac nhan ${code}`);
    const [after] = await db().select().from(messages).where(eq(messages.id, row!.id));
    expect(after!.body).not.toContain(code);
    expect(after!.body).toBe('CQS: ma xac nhan ••••••');
  });

  it('a kept message (demo, or no gateway) is written in full to the keep folder, and masked in the database', async () => {
    const keepDir = mkdtempSync(join(tmpdir(), 'cqs-kept-'));
    try {
      const keeper = new JobRunner({ database: t.platform.deps.database, log: createLogger('silent') });
      registerMessageDelivery(keeper, {
        db: db(),
        log: createLogger('silent'),
        smtpUrl: 'outbox',
        from: 'CQS <no-reply@cqs.test>',
        demo: true,
        keepDir,
      });
      const link = 'https://cqs.test/dat-lai-mat-khau?token=abcDEF123_-xyz';
      await db().transaction((tx) =>
        queueMessage(tx, {
          channel: 'email',
          recipient: 'giu.lai@example.vn',
          subject: 'Đặt lại mật khẩu',
          body: `Mở liên kết: ${link}`,
          secrets: ['abcDEF123_-xyz'],
        }),
      );
      const [row] = await db().select().from(messages).orderBy(sql`id desc`).limit(1);
      await keeper.tick();
      expect(await statusOf(row!.id)).toBe('kept');
      const file = join(keepDir, `${row!.id}.txt`);
      expect(readdirSync(keepDir)).toContain(`${row!.id}.txt`);
      const text = readFileSync(file, 'utf8');
      expect(text).toContain('To: giu.lai@example.vn');
      expect(text).toContain('Subject: Đặt lại mật khẩu');
      expect(text).toContain(link);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const [after] = await db().select().from(messages).where(eq(messages.id, row!.id));
      expect(after!.body).toBe('Mở liên kết: https://cqs.test/dat-lai-mat-khau?token=••••••');
    } finally {
      rmSync(keepDir, { recursive: true, force: true });
    }
  });
});
