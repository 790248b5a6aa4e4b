// Feedback figures (issue 13): a report with one photo submitted through the HTTP stack (upload, then
// submit, image work on the request path) against the two halves alone; Open311 `GET /requests` with a
// million reports (the default page, a commune + status filter) against the same SELECT sent straight
// to the database; the public map's clustered points with 100,000 open reports, and their size.
// In process: the platform is built once on a fresh PostgreSQL database (demo city, no dossier history,
// no workers) and driven through Fastify's inject, so no socket or load client shares the two cores.
// Every request comes from its own address, so the public per-address limits (30 photos a minute) do
// not stand in the way; production keeps them.
// Standalone: npx tsx bench/feedback.ts
// Environment: BENCH_DATABASE_URL (admin URL, default postgres://postgres@127.0.0.1:5432/postgres),
// BENCH_SECONDS (submission load, default 10), BENCH_FB_REPORTS (default 1000000), BENCH_DATABASES
// (only `postgres` is measured: the million-report figures are PostgreSQL's).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import sharp from 'sharp';
import { buildPlatform, type Platform } from '../src/server/main.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import { queryRows } from '../src/server/platform/db/client.ts';
import { createLogger } from '../src/server/platform/log.ts';
import type { Bench, BenchFigure, BenchResult } from './harness.ts';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const REPORTS = Number(process.env.BENCH_FB_REPORTS ?? 1_000_000);
const CONCURRENCY = 8;
const SAMPLES = 200;
const say = (line: string) => console.error(`  ${line}`);

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};
const round = (v: number, digits = 1) => Math.round(v * 10 ** digits) / 10 ** digits;

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A phone-like photo: 2048 × 1536, a gradient with noise (so JPEG cannot make it trivially small). */
async function phonePhoto(): Promise<Buffer> {
  const w = 2048;
  const h = 1536;
  const raw = Buffer.alloc(w * h * 3);
  let seed = 42;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const n = (seed >> 16) & 31;
      const i = (y * w + x) * 3;
      raw[i] = ((x * 255) / w + n) & 255;
      raw[i + 1] = ((y * 255) / h + n) & 255;
      raw[i + 2] = (((x + y) * 127) / (w + h) + n) & 255;
    }
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } })
    .jpeg({ quality: 88 })
    .withExif({ IFD0: { Make: 'PhoneCam', Artist: 'Nguyen Van Chup' } })
    .toBuffer();
}

function multipart(data: Buffer): { body: Buffer; contentType: string } {
  const boundary = `----cqsbench${Date.now().toString(16)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="anh.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`;
  return {
    body: Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

let addressCount = 0;
/** A fresh loopback-range address per request: the per-address limits count people, not a bench. */
const nextAddress = () => {
  const n = ++addressCount;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};

async function inject(
  p: Platform,
  method: 'GET' | 'POST',
  url: string,
  body?: Buffer | object,
  type?: string,
) {
  const res = await p.app.inject({
    method,
    url,
    remoteAddress: nextAddress(),
    headers: body ? { 'content-type': type ?? 'application/json' } : {},
    payload: body ? (Buffer.isBuffer(body) ? body : JSON.stringify(body)) : undefined,
  });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return res;
}

/** Runs `once` from CONCURRENCY callers for `seconds`; the rate and the latencies of the completed calls. */
async function drive(seconds: number, once: () => Promise<void>) {
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        await once();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  return {
    perSecond: round(latencies.length / elapsed),
    p99: round(quantile(latencies, 0.99)),
    n: latencies.length,
  };
}

/** p95 of `SAMPLES` sequential calls (after 10 to warm up) and the last answer's size. */
async function timed(call: () => Promise<{ body: string }>) {
  for (let i = 0; i < 10; i++) await call();
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < SAMPLES; i++) {
    const t = performance.now();
    const res = await call();
    ms.push(performance.now() - t);
    bytes = Buffer.byteLength(res.body);
  }
  return { p95: round(quantile(ms, 0.95)), bytes };
}

export const feedbackBench: Bench = async (): Promise<BenchResult> => {
  const databases = (process.env.BENCH_DATABASES ?? 'postgres').split(',');
  if (!databases.includes('postgres'))
    return { name: 'feedback', figures: [], notes: 'not run: the feedback figures are PostgreSQL figures.' };
  const dbName = `cqs_bench_fb_${process.pid}_${Date.now().toString(36)}`;
  await admin((c) => c.query(`create database ${dbName}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'cqs-bench-fb-'));
  const log = createLogger('silent');
  const figures: BenchFigure[] = [];
  const baseline: BenchFigure[] = [];
  let platform: Platform | undefined;
  try {
    const config = loadConfig({
      DATA_DIR: dataDir,
      DATABASE_URL: url.toString(),
      DEMO: 'true',
      DEMO_HISTORY: '0',
      WORKERS: 'false',
      LOG_LEVEL: 'silent',
      PUBLIC_URL: 'http://127.0.0.1:8080',
    });
    say('building the platform on a fresh PostgreSQL database (demo city)…');
    platform = await buildPlatform(config, { log });
    const p = platform;
    const db = p.deps.db;
    const point = { lat: 10.9814, lng: 106.6565 }; // Phường Thủ Dầu Một

    // ---- 1. submission with one photo --------------------------------------------------------------
    const photo = await phonePhoto();
    say(`photo: ${Math.round(photo.length / 1024)} KiB JPEG, 2048 × 1536`);
    const upload = multipart(photo);
    const uploadOnce = async () => {
      const res = await inject(p, 'POST', '/api/feedback/photos', upload.body, upload.contentType);
      const { id, secret } = res.json() as { id: string; secret: string };
      return { id, secret };
    };
    let n = 0;
    const report = (media: { id: string; secret: string }[]) => ({
      categoryCode: 'cay-xanh',
      description: `Cây đổ chắn vỉa hè số ${++n} đường Yersin, gọi 0912345678`,
      lat: point.lat + (n % 100) * 0.00001,
      lng: point.lng,
      media,
    });
    say(`submission with one photo, ${CONCURRENCY} at a time, ${SECONDS} s…`);
    const withPhoto = await drive(SECONDS, async () => {
      const m = await uploadOnce();
      await inject(p, 'POST', '/api/feedback/reports', report([m]));
    });
    say(`  ${withPhoto.perSecond}/s, p99 ${withPhoto.p99} ms (${withPhoto.n})`);
    say(`baseline: the report without a photo, ${SECONDS / 2} s…`);
    const noPhoto = await drive(SECONDS / 2, async () => {
      await inject(p, 'POST', '/api/feedback/reports', report([]));
    });
    say(`baseline: the photo upload alone, ${SECONDS / 2} s…`);
    const photoOnly = await drive(SECONDS / 2, async () => {
      await uploadOnce();
    });
    const rawSharp = await drive(SECONDS / 2, async () => {
      await sharp(photo)
        .rotate()
        .resize(1600, 1600, { fit: 'inside' })
        .jpeg({ quality: 80, mozjpeg: true })
        .toBuffer();
    });
    figures.push(
      {
        metric: 'report with one photo (upload + submit, HTTP stack, PostgreSQL)',
        value: withPhoto.perSecond,
        unit: 'reports/s',
        target: '>= 200 (image work on the request path)',
        met: withPhoto.perSecond >= 200,
      },
      {
        metric: 'report with one photo: p99 latency (upload + submit)',
        value: withPhoto.p99,
        unit: 'ms',
        target: '<= 200 if image work moves off the request path',
        met: withPhoto.p99 <= 200,
      },
    );
    baseline.push(
      { metric: 'report without a photo (submit only)', value: noPhoto.perSecond, unit: 'reports/s' },
      { metric: 'report without a photo: p99', value: noPhoto.p99, unit: 'ms' },
      {
        metric: 'photo upload alone (sniff, EXIF, sharp, store, row)',
        value: photoOnly.perSecond,
        unit: 'photos/s',
      },
      {
        metric: 'sharp alone (rotate, resize 1600, mozjpeg 80), in process',
        value: rawSharp.perSecond,
        unit: 'photos/s',
      },
    );

    // ---- 2. a million reports ------------------------------------------------------------------------
    say(`writing ${REPORTS.toLocaleString('en-US')} reports (10% open) from the demo's routed reports…`);
    const t0 = performance.now();
    const step = 200_000;
    for (let from = 1; from <= REPORTS; from += step) {
      const to = Math.min(REPORTS, from + step - 1);
      await db.execute(sql`
        with t as (
          select row_number() over (order by id) - 1 as i, category_id, unit_code, unit_valid_from,
                 agency_id, agency_path, lat, lng
          from fb_reports where agency_id is not null and code not like 'PA-B%'),
        c as (select count(*) as n from t)
        insert into fb_reports (code, token, category_id, status, urgent, channel, description,
          public_description, lat, lng, unit_code, unit_valid_from, agency_id, agency_path,
          submitted_at, routed_at, due_at, updated_at, closed_at)
        select 'PA-B' || lpad(g::text, 8, '0'), md5('bench-' || g), t.category_id,
          case when g % 10 = 0 then (array['routed','in_progress','answered'])[1 + (g / 10) % 3]
               else 'closed' end,
          g % 17 = 0, 'web', 'Phản ánh thử số ' || g, 'Phản ánh thử số ' || g,
          t.lat + ((g * 7919) % 1001 - 500) / 1e6, t.lng + ((g * 104729) % 1001 - 500) / 1e6,
          t.unit_code, t.unit_valid_from, t.agency_id, t.agency_path,
          s.at, s.at + interval '1 hour', s.at + interval '7 days', s.at + interval '2 days',
          case when g % 10 = 0 then null else s.at + interval '6 days' end
        from generate_series(${from}::bigint, ${to}::bigint) g
        cross join c
        join t on t.i = g % c.n
        cross join lateral (select now() - (g % 730) * interval '1 day' - (g % 86400) * interval '1 second' as at) s`);
    }
    await db.execute(sql`analyze fb_reports`);
    const [counts] = await queryRows<{ all: number; open: number; commune: string }>(
      db,
      sql`select count(*)::int as all, count(*) filter (where status in ('routed','in_progress','answered'))::int as open,
          (select unit_code from fb_reports where code like 'PA-B%' group by unit_code order by count(*) desc limit 1) as commune
          from fb_reports`,
    );
    say(
      `  ${counts!.all} reports, ${counts!.open} open, in ${Math.round((performance.now() - t0) / 1000)} s`,
    );

    // ---- 3. Open311 GET /requests -----------------------------------------------------------------------
    const commune = counts!.commune;
    const defaultPage = await timed(() => inject(p, 'GET', '/open311/v2/requests.json'));
    const filtered = await timed(() =>
      inject(p, 'GET', `/open311/v2/requests.json?status=open&commune=${commune}`),
    );
    const statuses = sql`('submitted','routed','in_progress','returned','answered','reopened','escalated')`;
    const rawDefault = await timed(async () => {
      const rows = await queryRows(
        db,
        sql`select * from fb_reports where submitted_at >= now() - interval '90 days'
            order by submitted_at desc, id desc limit 1000`,
      );
      return { body: JSON.stringify(rows) };
    });
    const rawFiltered = await timed(async () => {
      const rows = await queryRows(
        db,
        sql`select * from fb_reports where submitted_at >= now() - interval '90 days' and unit_code = ${commune}
            and status in ${statuses} order by submitted_at desc, id desc limit 1000`,
      );
      return { body: JSON.stringify(rows) };
    });
    figures.push(
      {
        metric: `Open311 GET /requests.json, default page (1,000 of ${REPORTS.toLocaleString('en-US')}): p95`,
        value: defaultPage.p95,
        unit: 'ms',
        target: '<= 50',
        met: defaultPage.p95 <= 50,
      },
      {
        metric: `Open311 GET /requests.json?status=open&commune=${commune}: p95`,
        value: filtered.p95,
        unit: 'ms',
        target: '<= 50',
        met: filtered.p95 <= 50,
      },
    );
    baseline.push(
      { metric: 'the default page as one SELECT (no presentation): p95', value: rawDefault.p95, unit: 'ms' },
      { metric: 'commune + status as one SELECT: p95', value: rawFiltered.p95, unit: 'ms' },
    );

    // ---- 4. the public map ------------------------------------------------------------------------------
    const cityView = 'minLat=10.85&maxLat=11.55&minLng=106.3&maxLng=106.95&cells=40';
    const city = await timed(() => inject(p, 'GET', `/api/feedback/map?${cityView}&status=open`));
    const wardView = `minLat=${point.lat - 0.02}&maxLat=${point.lat + 0.02}&minLng=${point.lng - 0.02}&maxLng=${point.lng + 0.02}&cells=40`;
    const ward = await timed(() => inject(p, 'GET', `/api/feedback/map?${wardView}&status=open`));
    const rawMap = await timed(async () => {
      const rows = await queryRows(
        db,
        sql`select count(*)::int, avg(lat), avg(lng) from fb_reports
            where status in ${statuses} and lat between 10.85 and 11.55 and lng between 106.3 and 106.95
            group by floor((lat - 10.85) / 0.0175), floor((lng - 106.3) / 0.01625)`,
      );
      return { body: JSON.stringify(rows) };
    });
    figures.push(
      {
        metric: `public map, whole city, ${counts!.open.toLocaleString('en-US')} open reports (40 × 40 cells): p95`,
        value: city.p95,
        unit: 'ms',
        target: '<= 100',
        met: city.p95 <= 100,
      },
      {
        metric: 'public map, whole city: answer size',
        value: round(city.bytes / 1024),
        unit: 'KiB',
        target: '<= 300 KB',
        met: city.bytes <= 300_000,
      },
      {
        metric: 'public map, a ward-sized view (4 km): p95',
        value: ward.p95,
        unit: 'ms',
        target: '<= 100',
        met: ward.p95 <= 100,
      },
    );
    baseline.push({ metric: 'the city grid as one SELECT: p95', value: rawMap.p95, unit: 'ms' });
    return {
      name: 'feedback',
      figures,
      baseline,
      notes:
        `In process on PostgreSQL (Fastify inject: no socket, no load client), ${CONCURRENCY} submissions at a ` +
        `time for ${SECONDS} s, outbox workers off (their notices are not counted). The photo is a 2048 × 1536 ` +
        `JPEG of ${Math.round(photo.length / 1024)} KiB; re-encoding is on the request path (mozjpeg). ` +
        `GET figures: p95 of ${SAMPLES} sequential calls after 10 to warm up. The million reports are ` +
        `spread over two years (the default 90-day window holds about an eighth of them).`,
    };
  } finally {
    await platform?.close();
    await admin((c) => c.query(`drop database if exists ${dbName} with (force)`)).catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  }
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await feedbackBench();
  console.log(JSON.stringify(result, null, 2));
  process.exit(0);
}
