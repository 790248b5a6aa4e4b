// The desk's figures on the real database: what a report adds to volume, on time and satisfaction for
// the city, its commune, its agency and its category (deltas over the demo data, a fake clock past the
// deadlines); the public endpoints, the hotspot grid, and the same figures as indicators.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackIndicatorProvider, feedbackStatistics } from '../../src/server/modules/feedback/index.ts';
import { indicatorProviders } from '../../src/server/platform/indicators.ts';
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
const DAY = 86_400_000;
const CATEGORY = 'cay-xanh';
const WARD = '25747';
const WARD_PC = 'Ủy ban nhân dân Phường Thủ Dầu Một';

async function submit(description: string, contact?: Record<string, string>) {
  const res = await t.client().post('/api/feedback/reports', {
    categoryCode: CATEGORY,
    description,
    lat: THU_DAU_MOT.lat + 0.001,
    lng: THU_DAU_MOT.lng,
    ...(contact ? { contact } : {}),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { code: string; secret: string };
}

type Stats = Awaited<ReturnType<typeof feedbackStatistics>>;
const pick = (s: Stats) => ({
  city: s.city,
  commune: s.communes.find((c) => c.key === WARD),
  category: s.categories.find((c) => c.key === CATEGORY),
  agency: s.agencies.find((a) => a.name === WARD_PC),
});
const FIELDS = ['received', 'open', 'overdueOpen', 'measured', 'onTime', 'ratings', 'satisfied'] as const;
type Counts = Record<(typeof FIELDS)[number], number>;
const delta = (after: Partial<Counts> | undefined, before: Partial<Counts> | undefined) =>
  Object.fromEntries(FIELDS.map((f) => [f, (after?.[f] ?? 0) - (before?.[f] ?? 0)]));

describe('feedback statistics', () => {
  // A clock a month ahead: every deadline of today's reports has passed.
  const later = new Date(Date.now() + 30 * DAY);
  const period = { from: new Date(Date.now() - DAY), to: new Date(Date.now() + DAY) };
  let before: ReturnType<typeof pick>;

  it('counts what each report adds: received, open, late, on time, satisfied; duplicates not at all', async () => {
    before = pick(await feedbackStatistics(db(), period, { now: later, minVolume: 0 }));
    // 1: answered in time, published, rated satisfied.
    const done = await submit('Cây đổ chắn ngang vỉa hè đường Yersin');
    await operator.post(`/api/feedback/manage/${done.code}/route`, {});
    await officer.post(`/api/feedback/manage/${done.code}/accept`);
    await officer.post(`/api/feedback/manage/${done.code}/reply`, { text: 'Đã cưa và dọn cây đổ.' });
    await operator.post(`/api/feedback/manage/${done.code}/publish`, {});
    const rated = await t
      .client()
      .post(`/api/feedback/reports/${done.code}/rating`, { satisfied: true, secret: done.secret });
    expect(rated.json().status).toBe('closed');
    // 2: routed, never answered: late once its deadline has passed.
    const late = await submit('Cành cây gãy treo lơ lửng trên dây điện');
    await operator.post(`/api/feedback/manage/${late.code}/route`, {});
    // 3: waiting for triage: received and open, not measured. 4: its duplicate, merged: not counted.
    const waiting = await submit('Cây xanh che khuất biển báo giao thông');
    const dup = await submit('Cây che biển báo ở ngã tư');
    await operator.post(`/api/feedback/manage/${dup.code}/merge`, { intoCode: waiting.code });

    const after = pick(await feedbackStatistics(db(), period, { now: later, minVolume: 0 }));
    const expected = {
      received: 3,
      open: 2,
      overdueOpen: 1,
      measured: 2,
      onTime: 1,
      ratings: 1,
      satisfied: 1,
    };
    expect(delta(after.city, before.city)).toEqual(expected);
    expect(delta(after.commune, before.commune)).toEqual(expected);
    expect(delta(after.category, before.category)).toEqual(expected);
    // The agency holds the two routed reports only.
    expect(delta(after.agency, before.agency)).toEqual({
      received: 2,
      open: 1,
      overdueOpen: 1,
      measured: 2,
      onTime: 1,
      ratings: 1,
      satisfied: 1,
    });
    // Today, before the deadline, the unanswered report is not yet measured.
    const today = pick(await feedbackStatistics(db(), period, { minVolume: 0 }));
    expect(today.city.measured - before.city.measured).toBe(1);
    expect(after.city.onTimeRate).toBe(Math.round((after.city.onTime / after.city.measured) * 1000) / 10);
  });

  it('ranks only units with the minimum volume, over HTTP; a bad period is a named error', async () => {
    const res = await t.client().get('/api/feedback/stats?minVolume=1000');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.minVolume).toBe(1000);
    expect(body.communes.length).toBeGreaterThan(0);
    expect(body.communes.every((c: { rank: number | null }) => c.rank === null)).toBe(true);
    const ranked = (await t.client().get('/api/feedback/stats?minVolume=1&from=2020-01-01')).json();
    const ranks = ranked.communes
      .filter((c: { rank: number | null }) => c.rank !== null)
      .map((c: { onTimeRate: number }) => c.onTimeRate);
    expect(ranks.length).toBeGreaterThan(1);
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
    // No personal data in the figures.
    expect(res.body).not.toMatch(/@|secret|phone/);
    const bad = await t.client().get('/api/feedback/stats?from=2026-12-10&to=2026-12-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('query.from');
    expect((await t.client().get('/api/feedback/stats?from=yesterday')).statusCode).toBe(400);
  });

  it('hotspots: counts per grid cell, busiest first, the ward among them', async () => {
    const res = await t.client().get(`/api/feedback/stats/hotspots?cell=0.01&category=${CATEGORY}`);
    expect(res.statusCode, res.body).toBe(200);
    const cells = res.json().cells as { n: number; lat: number; lng: number }[];
    expect(cells.map((c) => c.n)).toEqual([...cells.map((c) => c.n)].sort((a, b) => b - a));
    const here = cells.find(
      (c) => Math.abs(c.lat - THU_DAU_MOT.lat) < 0.01 && Math.abs(c.lng - THU_DAU_MOT.lng) < 0.01,
    );
    expect(here?.n).toBeGreaterThanOrEqual(3);
    expect((await t.client().get('/api/feedback/stats/hotspots?cell=5')).statusCode).toBe(400);
    expect((await t.client().get('/api/feedback/stats/hotspots?category=khong-co')).statusCode).toBe(400);
  });

  it('gives the operations centre the same figures as indicators, for the city, each commune and department', async () => {
    expect(indicatorProviders().map((p) => p.source)).toContain('feedback');
    const now = new Date();
    const values = await feedbackIndicatorProvider.compute(db(), now);
    const local = new Date(now.getTime() + 7 * 3_600_000);
    const monthStart = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - 7 * 3_600_000);
    const month = await feedbackStatistics(db(), { from: monthStart, to: now }, { now, minVolume: 0 });
    const city = (code: string) => values.find((v) => v.code === code && v.level === 'city')?.value;
    expect(city('fb.received')).toBe(month.city.received);
    expect(city('fb.on_time')).toBe(month.city.onTimeRate);
    expect(city('fb.satisfaction')).toBe(month.city.satisfactionRate);
    expect(city('fb.open')).toBeGreaterThanOrEqual(2);
    const ward = values.filter((v) => v.level === 'commune' && v.areaCode === WARD);
    expect(ward.map((v) => v.code).sort()).toEqual([
      'fb.on_time',
      'fb.open',
      'fb.overdue',
      'fb.received',
      'fb.satisfaction',
    ]);
    expect(ward.find((v) => v.code === 'fb.received')!.value).toBe(
      month.communes.find((c) => c.key === WARD)!.received,
    );
    expect(
      new Set(values.filter((v) => v.level === 'commune').map((v) => v.areaCode)).size,
    ).toBeGreaterThanOrEqual(36);
    expect(values.some((v) => v.level === 'agency')).toBe(true);
  });
});
