// Operators' channels: a report taken on the hotline (or Zalo, social media) entered with its channel,
// and a CSV import of reports from another system: checked row by row, refused whole with an error per
// row naming the line and column, nothing half-written; imported once per source reference.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { fileUpload } from '../helpers/multipart.ts';
import { type Agent, startTestPlatform, type TestPlatform } from '../platform.ts';
import { THU_DAU_MOT } from './fixtures.ts';

let t: TestPlatform;
let operator: Agent;
let officer: Agent;

beforeAll(async () => {
  t = await startTestPlatform();
  operator = await t.login('dieuhanh@cqs.demo');
  officer = await t.login('chuyenvien.thudaumot@cqs.demo');
});
afterAll(() => t?.close());

const db = () => t.platform.deps.db;
const count = async (table: 'fb_reports' | 'fb_followers' | 'fb_timeline' | 'outbox_events') =>
  (await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from ${sql.raw(table)}`))[0]!.n;
const counts = async () =>
  Promise.all([count('fb_reports'), count('fb_followers'), count('fb_timeline'), count('outbox_events')]);

function importCsv(agent: Agent, csv: string, query = '', lang = 'vi') {
  const { body, contentType } = fileUpload('phan-anh.csv', Buffer.from(csv, 'utf8'), 'text/csv');
  return agent.request('POST', `/api/feedback/import${query}`, body, {
    'content-type': contentType,
    'accept-language': lang,
  });
}

describe('reports taken by operators on other channels', () => {
  it('records the hotline channel; a citizen or an officer cannot use the intake', async () => {
    const body = {
      categoryCode: 'thoat-nuoc-ngap',
      description: 'Người dân gọi 1022: cống bị nghẹt, nước ngập nửa bánh xe',
      ...THU_DAU_MOT,
      channel: 'hotline',
      contact: { phone: '0912345678' },
    };
    const res = await operator.post('/api/feedback/intake', body);
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await queryRows<{ channel: string }>(
      db(),
      sql`select channel from fb_reports where code = ${res.json().code}`,
    );
    expect(row!.channel).toBe('hotline');
    expect((await officer.post('/api/feedback/intake', body)).statusCode).toBe(403);
    expect((await t.client().post('/api/feedback/intake', body)).statusCode).toBe(401);
    const bad = await operator.post('/api/feedback/intake', { ...body, channel: 'fax' });
    expect(bad.statusCode).toBe(400);
  });
});

describe('CSV import from another system', () => {
  const header = 'ma_nguon,thoi_diem,linh_vuc,noi_dung,vi_do,kinh_do,dia_chi,kenh,ho_ten,dien_thoai,email';
  const good = [
    `HT-0001,05/11/2026 08:15,rac-thai,"Rác tồn đọng ở chợ, bốc mùi",${THU_DAU_MOT.lat},${THU_DAU_MOT.lng},Chợ Thủ Dầu Một,hotline,Lê Văn Gọi,0901111222,`,
    `HT-0002,2026-11-06T09:30:00+07:00,chieu-sang,"Đèn đường tắt cả dãy, gọi 0903334444",${THU_DAU_MOT.lat + 0.002},${THU_DAU_MOT.lng},,zalo,,,goi@example.vn`,
  ];

  it('refuses a file with bad rows, naming each row and column, and writes nothing', async () => {
    const before = await counts();
    const csv = [
      header,
      good[0],
      'HT-0003,31/02/2026 10:00,rac-thai,Rác đầy thùng nhiều ngày liền,10.98,106.65,,,,,',
      'HT-0004,05/11/2026 10:00,khong-co,Nội dung đủ dài để hợp lệ,10.98,106.65,,,,,',
      'HT-0005,05/11/2026 10:00,rac-thai,Rác ngoài thành phố Hà Nội,21.0285,105.8542,,,,,',
      'HT-0006,05/11/2026 10:00,rac-thai,Ngắn,abc,106.65,,fax,,12,khong-phai-email',
      'HT-0001,05/11/2026 10:00,rac-thai,Trùng mã nguồn với dòng hai,10.98,106.65,,,,,',
      ',,,,,,,,,,',
    ].join('\r\n');
    const res = await importCsv(operator, csv);
    expect(res.statusCode, res.body).toBe(400);
    const fields = res.json().error.fields as { field: string; message: string }[];
    const messages = fields.map((f) => f.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'Dòng 3: thời điểm “31/02/2026 10:00” phải có dạng dd/mm/yyyy hh:mm (hoặc ISO 8601) và không ở tương lai.',
        'Dòng 4: lĩnh vực “khong-co” không có trong danh mục phản ánh.',
        'Dòng 5: vị trí (21.0285, 105.8542) nằm ngoài địa bàn Thành phố.',
        'Dòng 6: nội dung phải có từ 10 đến 4000 ký tự.',
        'Dòng 6: cột “vi_do” phải là một tọa độ bằng số (“abc”).',
        'Dòng 6: kênh “fax” không hợp lệ: dùng hotline, zalo, social hoặc để trống.',
        'Dòng 6: số điện thoại “12” không hợp lệ.',
        'Dòng 6: thư điện tử “khong-phai-email” không hợp lệ.',
        'Dòng 7: mã nguồn “HT-0001” đã có ở dòng 2.',
        'Dòng 8: cột “ma_nguon” còn trống.',
      ]),
    );
    // The good row is not written either.
    expect(await counts()).toEqual(before);
    // In English for an English caller.
    const en = await importCsv(
      operator,
      [header, good[0], 'HT-9,05/11/2026 10:00,khong-co,Nội dung đủ dài để hợp lệ,10.98,106.65,,,,,'].join(
        '\n',
      ),
      '',
      'en',
    );
    expect(en.statusCode).toBe(400);
    expect(en.json().error.fields[0].message).toBe(
      'Row 3: category “khong-co” is not in the list of report categories.',
    );
  });

  it('refuses a file without a required column or without rows', async () => {
    const res = await importCsv(operator, 'ma_nguon,noi_dung\nA,abc\n');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { message: string }) => f.message)).toContain(
      'Tệp thiếu cột “thoi_diem”.',
    );
    const empty = await importCsv(operator, `${header}\n`);
    expect(empty.json().error.fields[0].message).toContain('không có dòng dữ liệu');
  });

  it('checks only with dryRun; imports good rows with their time, channel and redacted public text', async () => {
    const before = await counts();
    const csv = `\uFEFF${[header, ...good].join('\r\n')}\r\n`;
    const dry = await importCsv(operator, csv, '?dryRun=true');
    expect(dry.json()).toMatchObject({ rows: 2, imported: 2, skipped: 0, codes: [], dryRun: true });
    expect(await counts()).toEqual(before);
    const res = await importCsv(operator, csv);
    expect(res.statusCode, res.body).toBe(200);
    const { codes } = res.json();
    expect(codes).toHaveLength(2);
    expect(codes[0]).toMatch(/^PA-261105-[0-9A-Z]{6}$/);
    const rows = await queryRows<{
      code: string;
      channel: string;
      status: string;
      submitted_at: Date | string;
      unit_code: string;
      public_description: string;
    }>(
      db(),
      sql`select code, channel, status, submitted_at, unit_code, public_description from fb_reports
          where external_ref in ('import:HT-0001', 'import:HT-0002') order by external_ref`,
    );
    expect(rows.map((r) => [r.channel, r.status, r.unit_code])).toEqual([
      ['hotline', 'submitted', '25747'],
      ['zalo', 'submitted', '25747'],
    ]);
    expect(new Date(rows[0]!.submitted_at).toISOString()).toBe('2026-11-05T01:15:00.000Z');
    expect(rows[1]!.public_description).not.toContain('0903334444');
    // In the operators' triage queue, audited, with a feedback.submitted event each.
    const queue = (await operator.get('/api/feedback/queue'))
      .json()
      .items.map((i: { code: string }) => i.code);
    expect(queue).toEqual(expect.arrayContaining(codes));
    const [audit] = await queryRows<{ summary: { imported: number } }>(
      db(),
      sql`select summary from audit_log where action = 'feedback.import' order by id desc limit 1`,
    );
    expect(audit!.summary.imported).toBe(2);
    const after = await counts();
    expect(after.map((n, i) => n - before[i]!)).toEqual([2, 2, 2, 2]);
    // The same file again: nothing new.
    const again = await importCsv(operator, csv);
    expect(again.json()).toMatchObject({ imported: 0, skipped: 2 });
    expect(await counts()).toEqual(after);
  });

  it('is for operators only', async () => {
    expect((await importCsv(officer, `${header}\n${good[0]}`)).statusCode).toBe(403);
    expect((await importCsv(t.client(), `${header}\n${good[0]}`)).statusCode).toBe(401);
  });
});
