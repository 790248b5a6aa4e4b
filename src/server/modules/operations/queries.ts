// Reads for the wall, the operator's console and the leader's view.
import { and, asc, desc, eq, gt, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../platform/db/client.ts';
import { getUser } from '../identity/index.ts';
import { aqiBand, type HourlySeries, hourlyAqi, type Pollutant, POLLUTANTS } from './sensors/aqi.ts';
import { type FloodThresholds, floodLevel, validThresholds } from './sensors/flood.ts';
import { groupUptime, limitsFromRules, pointState, uptimePercent } from './sensors/network.ts';
import {
  alertLog,
  alertRules,
  alerts,
  dashboards,
  datastreams,
  indicators,
  indicatorValues,
  rejections,
  rollups,
  silences,
  things,
} from './tables.ts';

const HOUR = 3_600_000;

/** The latest value of every indicator at one level (the city by default), with its freshness. */
export async function latestIndicatorValues(
  db: DbOrTx,
  now: Date,
  level: 'city' | 'commune' = 'city',
  areaCode = '',
) {
  const defs = await db.select().from(indicators).orderBy(asc(indicators.code));
  const latest = await queryRows<{
    code: string;
    time: Date;
    value: number | null;
    as_of: Date;
    source: string;
  }>(
    db,
    // One backward probe of the primary key per indicator, whatever the length of its history.
    sql`select i.code, v."time", v.value, v.as_of, v.source from ops_indicators i
          cross join lateral (
            select "time", value, as_of, source from ops_indicator_values
             where indicator_code = i.code and level = ${level} and area_code = ${areaCode}
             order by "time" desc limit 1) v`,
  );
  const byCode = new Map(latest.map((v) => [v.code, v]));
  return defs.map((d) => {
    const v = byCode.get(d.code);
    const asOf = v ? new Date(v.as_of) : null;
    return {
      code: d.code,
      name: d.name,
      nameEn: d.nameEn,
      unit: d.unit,
      source: d.source,
      granularity: d.granularity,
      target: d.target,
      direction: d.direction,
      levels: d.levels,
      value: v?.value ?? null,
      time: v ? new Date(v.time).toISOString() : null,
      asOf: asOf?.toISOString() ?? null,
      // Missing and old values are stale, never zero.
      stale: !asOf || now.getTime() - asOf.getTime() > d.freshnessSeconds * 1000,
      behindTarget: behind(d.target, d.direction, v?.value ?? null),
    };
  });
}

export function behind(target: number | null, direction: 'higher' | 'lower', value: number | null): boolean {
  if (target === null || value === null) return false;
  return direction === 'higher' ? value < target : value > target;
}

/** Every station with its streams' last values, its freshness, the hourly VN_AQI or flood level. */
export async function stations(db: DbOrTx, now: Date) {
  const rows = await db
    .select({ thing: things, stream: datastreams })
    .from(things)
    .leftJoin(datastreams, eq(datastreams.thingId, things.id))
    .orderBy(asc(things.code), asc(datastreams.key));
  const airStreams = rows.filter((r) => r.thing.kind === 'air_quality' && r.stream).map((r) => r.stream!.id);
  const hourly = await hourlyMeans(db, airStreams, now);
  const out = new Map<string, ReturnType<typeof stationOf>>();
  for (const { thing, stream } of rows) {
    let s = out.get(thing.id);
    if (!s) {
      s = stationOf(thing);
      out.set(thing.id, s);
    }
    if (!stream) continue;
    const stale =
      !stream.lastTime ||
      now.getTime() - stream.lastTime.getTime() > 3 * stream.expectedIntervalSeconds * 1000;
    s.values.push({
      key: stream.key,
      observedProperty: stream.observedProperty,
      unit: stream.unit,
      value: stream.lastValue,
      time: stream.lastTime?.toISOString() ?? null,
      stale,
    });
    if (stream.lastTime && (!s.lastTime || stream.lastTime.toISOString() > s.lastTime))
      s.lastTime = stream.lastTime.toISOString();
    s.stale = s.stale && stale;
    if (thing.kind === 'water_level' && stream.key === 'h' && stream.lastValue !== null) {
      const t = (thing.properties as { flood?: FloodThresholds }).flood;
      if (t && validThresholds(t)) s.floodLevel = floodLevel(stream.lastValue, t);
    }
  }
  for (const s of out.values()) {
    if (s.kind !== 'air_quality') continue;
    const series: HourlySeries = {};
    for (const v of s.values)
      if ((POLLUTANTS as readonly string[]).includes(v.key))
        series[v.key as Pollutant] = hourly.get(`${s.id}|${v.key}`) ?? [];
    const aqi = hourlyAqi(series);
    if (aqi) s.aqi = { value: aqi.aqi, dominant: aqi.dominant, ...aqiBand(aqi.aqi) };
  }
  return [...out.values()];
}

function stationOf(thing: typeof things.$inferSelect) {
  return {
    id: thing.id,
    code: thing.code,
    name: thing.name,
    kind: thing.kind,
    communeCode: thing.communeCode,
    lat: thing.lat,
    lon: thing.lon,
    status: thing.status,
    lastTime: null as string | null,
    stale: true,
    values: [] as {
      key: string;
      observedProperty: string;
      unit: string;
      value: number | null;
      time: string | null;
      stale: boolean;
    }[],
    aqi: null as { value: number; dominant: string; band: string; colour: string } | null,
    floodLevel: null as number | null,
  };
}

/** The last 12 hourly means (newest first) per air stream, keyed "thingId|key". */
async function hourlyMeans(db: DbOrTx, streamIds: string[], now: Date) {
  const out = new Map<string, (number | null)[]>();
  if (streamIds.length === 0) return out;
  const currentHour = Math.floor(now.getTime() / HOUR) * HOUR;
  const rows = await db
    .select({
      thingId: datastreams.thingId,
      key: datastreams.key,
      start: rollups.start,
      n: rollups.n,
      sum: rollups.sum,
    })
    .from(rollups)
    .innerJoin(datastreams, eq(datastreams.id, rollups.datastreamId))
    .where(
      and(
        inArray(rollups.datastreamId, streamIds),
        eq(rollups.bucket, 'hour'),
        gt(rollups.start, new Date(currentHour - 12 * HOUR)),
      ),
    );
  for (const r of rows) {
    const key = `${r.thingId}|${r.key}`;
    const list = out.get(key) ?? Array<number | null>(12).fill(null);
    const i = Math.round((currentHour - r.start.getTime()) / HOUR);
    if (i >= 0 && i < 12) list[i] = r.sum / r.n;
    out.set(key, list);
  }
  return out;
}

const alertColumns = {
  id: alerts.id,
  ruleCode: alertRules.code,
  ruleName: alertRules.name,
  ruleNameEn: alertRules.nameEn,
  severity: alerts.severity,
  status: alerts.status,
  acknowledged: alerts.acknowledged,
  silenced: alerts.silenced,
  sourceLabel: alerts.sourceLabel,
  communeCode: alerts.communeCode,
  category: alerts.category,
  value: alerts.value,
  raisedAt: alerts.raisedAt,
  updatedAt: alerts.updatedAt,
  clearedAt: alerts.clearedAt,
  resolvedAt: alerts.resolvedAt,
  assigneeId: alerts.assigneeId,
};

/** The operator's queue: unresolved alerts, active first, then by severity and age. */
export async function alertQueue(db: DbOrTx, opts: { resolved?: boolean; limit?: number } = {}) {
  const rows = await db
    .select(alertColumns)
    .from(alerts)
    .innerJoin(alertRules, eq(alertRules.id, alerts.ruleId))
    .where(opts.resolved ? sql`${alerts.resolvedAt} is not null` : isNull(alerts.resolvedAt))
    .orderBy(
      sql`case when ${alerts.status} = 'active' then 0 else 1 end`,
      sql`case ${alerts.severity} when 'critical' then 0 when 'major' then 1 when 'warning' then 2 else 3 end`,
      opts.resolved ? desc(alerts.resolvedAt) : asc(alerts.raisedAt),
    )
    .limit(opts.limit ?? 200);
  const names = new Map<string, string>();
  for (const id of new Set(rows.map((r) => r.assigneeId).filter((x): x is string => !!x)))
    names.set(id, (await getUser(db, id))?.fullName ?? '');
  return rows.map((r) => presentAlert(r, names));
}

function presentAlert(r: Awaited<ReturnType<typeof rowsOf>>[number], names: Map<string, string>) {
  return {
    ...r,
    raisedAt: r.raisedAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    clearedAt: r.clearedAt?.toISOString() ?? null,
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    assigneeName: r.assigneeId ? (names.get(r.assigneeId) ?? null) : null,
  };
}
const rowsOf = (db: DbOrTx) =>
  db.select(alertColumns).from(alerts).innerJoin(alertRules, eq(alertRules.id, alerts.ruleId));

/** The ticker: unacknowledged, unresolved, not silenced. */
export async function tickerAlerts(db: DbOrTx) {
  return (await alertQueue(db)).filter((a) => !a.acknowledged && !a.silenced);
}

export async function alertDetail(db: DbOrTx, id: string) {
  const [row] = await rowsOf(db).where(eq(alerts.id, id));
  if (!row) return undefined;
  const names = new Map<string, string>();
  if (row.assigneeId) names.set(row.assigneeId, (await getUser(db, row.assigneeId))?.fullName ?? '');
  const log = await db
    .select()
    .from(alertLog)
    .where(eq(alertLog.alertId, id))
    .orderBy(asc(alertLog.at), asc(alertLog.id));
  return {
    ...presentAlert(row, names),
    log: log.map((l) => ({
      at: l.at.toISOString(),
      kind: l.kind,
      actorLabel: l.actorLabel,
      severity: l.severity,
      value: l.value,
      note: l.note,
    })),
  };
}

export async function activeSilences(db: DbOrTx, now: Date) {
  const rows = await db.select().from(silences).where(gt(silences.endsAt, now)).orderBy(asc(silences.endsAt));
  return rows.map((s) => ({
    id: s.id,
    ruleCode: s.ruleCode,
    thingCode: s.thingCode,
    communeCode: s.communeCode,
    category: s.category,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    reason: s.reason,
    active: s.startsAt <= now,
  }));
}

/** An indicator's history (city) and its latest commune values. */
export async function indicatorDetail(db: DbOrTx, code: string, now: Date) {
  const [d] = await db.select().from(indicators).where(eq(indicators.code, code));
  if (!d) return undefined;
  const history = await db
    .select()
    .from(indicatorValues)
    .where(and(eq(indicatorValues.indicatorCode, code), eq(indicatorValues.level, 'city')))
    .orderBy(desc(indicatorValues.time))
    .limit(36);
  const communes = await queryRows<{ area_code: string; time: Date; value: number | null; as_of: Date }>(
    db,
    sql`select distinct on (area_code) area_code, "time", value, as_of from ops_indicator_values
         where indicator_code = ${code} and level = 'commune' order by area_code, "time" desc`,
  );
  const fresh = (asOf: Date) => now.getTime() - new Date(asOf).getTime() <= d.freshnessSeconds * 1000;
  return {
    code: d.code,
    name: d.name,
    nameEn: d.nameEn,
    unit: d.unit,
    source: d.source,
    granularity: d.granularity,
    target: d.target,
    direction: d.direction,
    levels: d.levels,
    history: history
      .reverse()
      .map((h) => ({ time: h.time.toISOString(), value: h.value, asOf: h.asOf.toISOString() })),
    communes: communes.map((c) => ({
      communeCode: c.area_code,
      value: c.value,
      time: new Date(c.time).toISOString(),
      asOf: new Date(c.as_of).toISOString(),
      stale: !fresh(c.as_of),
      behindTarget: behind(d.target, d.direction, c.value),
    })),
  };
}

/** The last refusals of a device (why its readings did not count). */
export async function deviceRejections(db: DbOrTx, thingId: string, since: Date) {
  const rows = await db
    .select()
    .from(rejections)
    .where(and(eq(rejections.thingId, thingId), gte(rejections.at, since), lte(rejections.at, new Date())))
    .orderBy(desc(rejections.at))
    .limit(100);
  return rows.map((r) => ({ at: r.at.toISOString(), key: r.key, reason: r.reason, detail: r.detail }));
}

/**
 * The government data network over a window: each connection point's state now, its uptime, mean
 * latency and loss from the hourly rollups; the uptime of each commune and of the whole network.
 */
export async function networkStatus(db: DbOrTx, now: Date, from: Date) {
  const list = (await stations(db, now)).filter((s) => s.kind === 'network_point');
  const rules = await db
    .select({ code: alertRules.code, params: alertRules.params })
    .from(alertRules)
    .where(eq(alertRules.category, 'network'));
  const limits = limitsFromRules(rules);
  const registered = new Map(
    (
      await db
        .select({ id: things.id, at: things.createdAt, interval: datastreams.expectedIntervalSeconds })
        .from(things)
        .innerJoin(datastreams, and(eq(datastreams.thingId, things.id), eq(datastreams.key, 'up')))
        .where(eq(things.kind, 'network_point'))
    ).map((r) => [r.id, { at: r.at.getTime(), interval: r.interval }]),
  );
  const sums = await queryRows<{ thing_id: string; key: string; n: number; s: number }>(
    db,
    sql`select d.thing_id, d.key, sum(r.n)::float8 as n, sum(r.sum)::float8 as s
          from ops_rollups r join ops_datastreams d on d.id = r.datastream_id
          join ops_things t on t.id = d.thing_id
         where t.kind = 'network_point' and r.bucket = 'hour'
           and r.start >= ${from.toISOString()}::timestamptz and r.start < ${now.toISOString()}::timestamptz
         group by d.thing_id, d.key`,
  );
  const agg = (thingId: string, key: string) => sums.find((x) => x.thing_id === thingId && x.key === key);
  const points = list.map((s) => {
    const v = (key: string) => s.values.find((x) => x.key === key) ?? null;
    const up = agg(s.id, 'up');
    const rtt = agg(s.id, 'rtt');
    const loss = agg(s.id, 'loss');
    return {
      id: s.id,
      code: s.code,
      name: s.name,
      communeCode: s.communeCode,
      state: pointState(
        {
          up: v('up')?.value ?? null,
          rtt: v('rtt')?.value ?? null,
          loss: v('loss')?.value ?? null,
          stale: s.stale,
        },
        limits,
      ),
      lastTime: s.lastTime,
      rtt: v('rtt')?.value ?? null,
      loss: v('loss')?.value ?? null,
      uptime: uptimePercent({
        upReadings: up?.s ?? 0,
        windowStart: from.getTime(),
        windowEnd: now.getTime(),
        registeredAt: registered.get(s.id)?.at ?? from.getTime(),
        intervalSeconds: registered.get(s.id)?.interval ?? 60,
      }),
      rttMean: rtt && rtt.n > 0 ? Math.round((rtt.s / rtt.n) * 10) / 10 : null,
      lossMean: loss && loss.n > 0 ? Math.round((loss.s / loss.n) * 100) / 100 : null,
    };
  });
  const communes = new Map<string, typeof points>();
  for (const p of points) communes.set(p.communeCode, [...(communes.get(p.communeCode) ?? []), p]);
  return {
    from: from.toISOString(),
    to: now.toISOString(),
    limits,
    uptime: groupUptime(points.map((p) => p.uptime)),
    points,
    communes: [...communes].map(([communeCode, ps]) => ({
      communeCode,
      points: ps.length,
      down: ps.filter((p) => p.state === 'down' || p.state === 'silent').length,
      degraded: ps.filter((p) => p.state === 'degraded').length,
      uptime: groupUptime(ps.map((p) => p.uptime)),
    })),
  };
}

export const ALL_VIEWS = ['indicators', 'stations', 'network'] as const;

/** Every role's saved wall dashboard. */
export async function listDashboards(db: DbOrTx) {
  const rows = await db.select().from(dashboards).orderBy(asc(dashboards.roleCode));
  return rows.map((r) => ({
    roleCode: r.roleCode,
    indicatorCodes: r.indicatorCodes,
    views: r.views,
    rotateSeconds: r.rotateSeconds,
    updatedAt: r.updatedAt.toISOString(),
  }));
}

/**
 * The dashboard a viewer's wall follows: the first of their roles (in the order of their memberships)
 * that has one; otherwise every indicator and every view, shown at once.
 */
export async function dashboardFor(db: DbOrTx, roles: readonly string[]) {
  const saved = new Map((await listDashboards(db)).map((d) => [d.roleCode, d]));
  const role = roles.find((r) => saved.has(r));
  const d = role ? saved.get(role)! : null;
  return {
    roleCode: d?.roleCode ?? null,
    indicatorCodes: d?.indicatorCodes ?? null,
    views: d?.views ?? [...ALL_VIEWS],
    rotateSeconds: d?.rotateSeconds ?? 0,
  };
}
