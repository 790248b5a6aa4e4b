// Open data: the catalogue page (schema.org Dataset), the DCAT catalogue, and CSV and JSON downloads
// read from the live tables (a change shows in the next download), without personal data.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/server/platform/csv.ts';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { startTestPlatform, type TestPlatform } from '../platform.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
}, 60_000);
afterAll(() => t.close());

describe('open data', () => {
  it('the catalogue lists every dataset with its licence, downloads and structured data', async () => {
    const page = await t.client().get('/en/open-data');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('CC BY 4.0');
    expect(page.body).toContain('href="/open-data/investment-projects.csv"');
    expect(page.body).toContain('"@type":"Dataset"');
    expect((await t.client().get('/vi/du-lieu-mo')).body).toContain('Dự án kêu gọi đầu tư');
    const dcat = await t.client().get('/open-data/catalog.json');
    expect(dcat.headers['content-type']).toContain('application/ld+json');
    const cat = dcat.json() as { '@type': string; 'dcat:dataset': { 'dct:identifier': string }[] };
    expect(cat['@type']).toBe('dcat:Catalog');
    expect(cat['dcat:dataset'].map((d) => d['dct:identifier'])).toContain('investment-figures');
  });

  it('CSV and JSON are read live: a change in the data shows in the next download', async () => {
    const json = await t.client().get('/open-data/investment-projects.json');
    expect(json.statusCode).toBe(200);
    const rows = json.json() as { code: string; status: string; capital_usd: number }[];
    expect(rows).toHaveLength(20);
    expect(rows[0]!.code).toBe('DA-BD-01');
    await queryRows(
      t.platform.deps.db,
      sql`update ptl_projects set status = 'awarded' where code = 'DA-BD-01'`,
    );
    const csv = await t.client().get('/open-data/investment-projects.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    const parsed = parseCsv(csv.body);
    const header = parsed[0]!.cells;
    const first = parsed[1]!.cells;
    expect(first[header.indexOf('code')]).toBe('DA-BD-01');
    expect(first[header.indexOf('status')]).toBe('awarded');
    const figures = (await t.client().get('/open-data/investment-figures.json')).json() as unknown[];
    expect(figures.length).toBeGreaterThan(100);
  });

  it('answered questions carry no personal data; an unknown dataset is 404', async () => {
    const qa = await t.client().get('/open-data/questions-answered.json');
    const rows = qa.json() as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThan(0);
    expect(Object.keys(rows[0]!)).not.toContain('name');
    expect(qa.body).not.toContain('hanh.tran@example.com');
    expect((await t.client().get('/open-data/users.csv')).statusCode).toBe(400);
  });
});

describe('the digital-transformation page', () => {
  it('shows the share of procedures fully online computed from the catalogue, and entered targets with their source', async () => {
    const procs = (await t.client().get('/open-data/procedures.json')).json() as { service_level: string }[];
    const share = procs.filter((p) => p.service_level === 'full').length / procs.length;
    const page = await t.client().get('/en/digital-transformation');
    expect(page.statusCode).toBe(200);
    const row = /Procedures offered fully online<\/th>[\s\S]*?<strong>([\d.,]+)%<\/strong>/.exec(page.body);
    expect(Number(row![1]!.replace(',', ''))).toBeCloseTo(Math.round(share * 1000) / 10, 5);
    expect(page.body).toContain('Computed live by the system');
    expect(page.body).toContain('Entered from a report');
    expect(page.body).toContain('Nghị quyết 05-NQ/TU');
    expect((await t.client().get('/vi/chuyen-doi-so')).body).toContain('Hồ sơ nộp trực tuyến');
    // The new pages are in the sitemap, with their other languages.
    const map = (await t.client().get('/sitemap.xml')).body;
    for (const p of [
      '/vi/du-lieu-mo',
      '/en/digital-transformation',
      '/ja/investment-figures',
      '/ko/investor-guide',
    ])
      expect(map).toContain(`${p}</loc>`);
  });
});
