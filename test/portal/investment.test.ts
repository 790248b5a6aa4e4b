// Investment promotion: FDI and domestic figures (demo series, CSV and Excel imports, all or nothing),
// the charted figures page in five languages, the investor's guide linking to the catalogue, and the
// pipeline's reminders, history and lead report.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { tableXlsx } from '../../src/server/platform/spreadsheet.ts';
import { remindOverdueEnquiries } from '../../src/server/modules/portal/index.ts';
import { fileUpload } from '../helpers/multipart.ts';
import { type Agent, startTestPlatform, type TestPlatform } from '../platform.ts';

let t: TestPlatform;
let officer: Agent;
let editor: Agent;

beforeAll(async () => {
  t = await startTestPlatform();
  officer = await t.login('xuctien.ubnd@cqs.demo');
  editor = await t.login('bientap.ubnd@cqs.demo');
}, 60_000);
afterAll(() => t.close());

const db = () => t.platform.deps.db;
const upload = (a: Agent, name: string, data: Buffer | string) => {
  const { body, contentType } = fileUpload(name, data);
  return a.request('POST', '/api/portal/investment-figures/import', body, { 'content-type': contentType });
};
const fdiTotal = async (year: number) =>
  (
    await queryRows<{ n: number }>(
      db(),
      sql`select coalesce(sum(capital_kusd), 0)::float8 as n from ptl_investment_figures where kind = 'fdi' and year = ${year}`,
    )
  )[0]!.n;

describe('investment figures', () => {
  it('the demo series is charted and tabled by year, country and sector, in five languages', async () => {
    const vi = await t.client().get('/vi/so-lieu-dau-tu');
    expect(vi.statusCode).toBe(200);
    expect(vi.body).toContain('<svg class="chart"');
    expect(vi.body).toContain('<th scope="row">2019</th>');
    expect(vi.body).toContain('Đài Loan');
    expect(vi.body).toContain('Công nghiệp chế biến, chế tạo');
    const en = await t.client().get('/en/investment-figures');
    expect(en.body).toContain('Taiwan');
    expect(en.body).toContain('Manufacturing');
    const ja = await t.client().get('/ja/investment-figures');
    expect(ja.statusCode).toBe(200);
    expect(ja.body).toContain('投資統計');
    expect(ja.body).toContain('日本');
    for (const lang of ['ko', 'zh'])
      expect((await t.client().get(`/${lang}/investment-figures`)).statusCode).toBe(200);
    // The investment page leads to it, and to the guide.
    expect((await t.client().get('/en/investment-projects')).body).toContain('href="/en/investment-figures"');
  });

  it('a CSV import replaces the years it holds, and the page shows the new figures', async () => {
    const before2024 = await fdiTotal(2024);
    const csv = [
      'nam;loai;quoc_gia;nganh;so_du_an;von_nghin_usd',
      '2025;fdi;jp;manufacturing;12;"1.234.567"',
      '2025;FDI;KR;logistics;3;45000',
      '2025;trong_nuoc;;trade;40;88000',
    ].join('\r\n');
    const res = await upload(officer, 'bao-cao-2025.csv', `\uFEFF${csv}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 3, years: { fdi: [2025], domestic: [2025] } });
    expect(await fdiTotal(2025)).toBe(1_234_567 + 45_000);
    expect(await fdiTotal(2024)).toBe(before2024);
    const page = await t.client().get('/en/investment-figures');
    // 1,279,567 thousand USD = 1,279.6 million USD in 2025
    expect(page.body).toMatch(
      /<th scope="row">2025<\/th><td>15<\/td><td>1,279\.6<\/td><td>40<\/td><td>88<\/td>/,
    );
    const [audit] = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from audit_log where action = 'portal.figures_import'`,
    );
    expect(audit!.n).toBeGreaterThan(0);
  });

  it('an Excel workbook is read too (the header row found below a title)', async () => {
    const xlsx = await tableXlsx(
      {
        title: 'Báo cáo FDI 2023',
        headers: ['nam', 'loai', 'quoc_gia', 'nganh', 'so_du_an', 'von_nghin_usd'],
        rows: [
          [2023, 'fdi', 'TW', 'manufacturing', 9, 500000],
          [2023, 'fdi', 'SG', 'real_estate', 2, 70000],
        ],
      },
      'fdi',
    );
    const res = await upload(officer, 'fdi-2023.xlsx', xlsx);
    expect(res.statusCode, res.body).toBe(200);
    expect(await fdiTotal(2023)).toBe(570_000);
  });

  it('a file with a bad row changes nothing and names every bad row, localized', async () => {
    const before = await fdiTotal(2025);
    const csv = [
      'nam,loai,quoc_gia,nganh,so_du_an,von_nghin_usd',
      '2025,fdi,JP,manufacturing,1,1000',
      '20x5,fdi,JP,manufacturing,1,1000',
      '2025,fdi,Japan,manufacturing,1,1000',
      '2025,trong_nuoc,JP,trade,1,1000',
      '2025,fdi,KR,trade,-3,1000',
      '2025,fdi,JP,manufacturing,1,2000',
    ].join('\n');
    const res = await upload(officer, 'sai.csv', csv);
    expect(res.statusCode).toBe(400);
    const body = (res.json() as { error: { fields: { field: string; message: string }[] } }).error;
    const fields = body.fields.map((f) => f.field);
    expect(fields).toEqual([
      'body.file.2.nganh',
      'body.file.3.nam',
      'body.file.4.quoc_gia',
      'body.file.5.quoc_gia',
      'body.file.6.so_du_an',
      'body.file.7.nganh',
    ]);
    expect(body.fields[1]!.message).toContain('20x5');
    expect(await fdiTotal(2025)).toBe(before);
    const headers = await upload(officer, 'x.csv', 'year,kind\n2025,fdi\n');
    expect(headers.statusCode).toBe(400);
    expect(headers.body).toContain('nam, loai, quoc_gia');
  });

  it('only investment officers import figures', async () => {
    const csv = 'nam,loai,quoc_gia,nganh,so_du_an,von_nghin_usd\n2025,fdi,JP,trade,1,1\n';
    expect((await upload(editor, 'a.csv', csv)).statusCode).toBe(403);
    expect((await upload(t.client(), 'a.csv', csv)).statusCode).toBe(401);
  });
});

describe("the investor's guide", () => {
  it('lists the steps and links to the procedures of the catalogue in force', async () => {
    const vi = await t.client().get('/vi/huong-dan-nha-dau-tu');
    expect(vi.statusCode).toBe(200);
    expect(vi.body).toContain('Chấp thuận chủ trương đầu tư');
    expect(vi.body).toContain('href="/vi/thu-tuc/1.009994"');
    const ko = await t.client().get('/ko/investor-guide');
    expect(ko.body).toContain('투자자 안내');
    // Procedure pages exist in English, not in Korean.
    expect(ko.body).toContain('href="/en/procedures/1.009994" hreflang="en"');
  });
});

describe('the pipeline', () => {
  it('an enquiry past its response deadline is flagged once to the investment officers', async () => {
    const res = await t.client().request(
      'POST',
      '/en/investment-projects/da-bd-07/enquiry',
      new URLSearchParams({
        name: 'Overdue Investor',
        organisation: 'Late Ltd',
        country: 'Thailand',
        email: 'late@example.com',
        message: 'Please send the land price.',
      }).toString(),
      { 'content-type': 'application/x-www-form-urlencoded' },
    );
    expect(res.statusCode).toBe(303);
    const [row] = await queryRows<{ id: string }>(
      db(),
      sql`select id from ptl_enquiries where email = 'late@example.com'`,
    );
    const reminded = async () =>
      (
        await queryRows<{ at: Date | null }>(
          db(),
          sql`select reminded_at as at from ptl_enquiries where id = ${row!.id}`,
        )
      )[0]!.at;
    // A day on, still within its five days (the demo's overdue ones are flagged now).
    await remindOverdueEnquiries(db(), new Date(Date.now() + 86_400_000));
    expect(await reminded()).toBeNull();
    const later = new Date(Date.now() + 6 * 86_400_000);
    expect(await remindOverdueEnquiries(db(), later)).toBeGreaterThanOrEqual(1);
    expect(await reminded()).not.toBeNull();
    expect(await remindOverdueEnquiries(db(), later)).toBe(0);
    const events = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from outbox_events where type = 'portal.enquiry_overdue' and aggregate_id = ${row!.id}`,
    );
    expect(events[0]!.n).toBe(1);
  });

  it('the lead report counts by country, sector and stage; an enquiry shows its history', async () => {
    const report = await officer.get('/api/portal/enquiries/report');
    expect(report.statusCode, report.body).toBe(200);
    const r = report.json() as {
      byCountry: { key: string; leads: number }[];
      bySector: { key: string; leads: number }[];
      byStage: { key: string; leads: number }[];
      overdue: number;
    };
    expect(r.byCountry.find((c) => c.key === 'Japan')?.leads).toBeGreaterThanOrEqual(2);
    expect(r.bySector.find((c) => c.key === 'high_tech')?.leads).toBeGreaterThanOrEqual(2);
    expect(r.byStage.find((c) => c.key === 'irc')?.leads).toBe(1);
    expect((await editor.get('/api/portal/enquiries/report')).statusCode).toBe(403);
    const list = await officer.get('/api/portal/enquiries');
    const dossier = list.json().items.find((e: { stage: string }) => e.stage === 'dossier');
    const one = await officer.get(`/api/portal/enquiries/${dossier.id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json().notes.map((n: { toStage: string }) => n.toStage)).toEqual([
      'qualified',
      'site_visit',
      'dossier',
    ]);
    expect((await editor.get(`/api/portal/enquiries/${dossier.id}`)).statusCode).toBe(403);
  });
});
