// Request and response schemas of the operations routes.
import { z } from 'zod';
import { DrillRow, RankingRow } from '../../../contracts/stats.ts';

export const IdParams = z.object({ id: z.uuid() });
export const CodeParams = z.object({ code: z.string().regex(/^[a-z0-9_.-]{1,60}$/) });

export const Severity = z.enum(['info', 'warning', 'major', 'critical']);

export const AlertView = z.object({
  id: z.string(),
  ruleCode: z.string(),
  ruleName: z.string(),
  ruleNameEn: z.string(),
  severity: Severity,
  status: z.enum(['active', 'cleared']),
  acknowledged: z.boolean(),
  silenced: z.boolean(),
  sourceLabel: z.string(),
  communeCode: z.string().nullable(),
  category: z.string(),
  value: z.number().nullable(),
  raisedAt: z.string(),
  updatedAt: z.string(),
  clearedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
});

export const AlertDetail = AlertView.extend({
  log: z.array(
    z.object({
      at: z.string(),
      kind: z.string(),
      actorLabel: z.string(),
      severity: Severity.nullable(),
      value: z.number().nullable(),
      note: z.string().nullable(),
    }),
  ),
});

export const IndicatorTile = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  source: z.string(),
  granularity: z.string(),
  target: z.number().nullable(),
  direction: z.enum(['higher', 'lower']),
  levels: z.array(z.string()),
  value: z.number().nullable(),
  time: z.string().nullable(),
  asOf: z.string().nullable(),
  stale: z.boolean(),
  behindTarget: z.boolean(),
});

export const StationView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  communeCode: z.string(),
  lat: z.number(),
  lon: z.number(),
  status: z.enum(['measuring', 'calibrating', 'error']),
  lastTime: z.string().nullable(),
  stale: z.boolean(),
  values: z.array(
    z.object({
      key: z.string(),
      observedProperty: z.string(),
      unit: z.string(),
      value: z.number().nullable(),
      time: z.string().nullable(),
      stale: z.boolean(),
    }),
  ),
  aqi: z.object({ value: z.number(), dominant: z.string(), band: z.string(), colour: z.string() }).nullable(),
  floodLevel: z.number().nullable(),
});

const ViewName = z.enum(['indicators', 'stations', 'network']);

export const WallView = z.object({
  dashboard: z.object({
    roleCode: z.string().nullable(),
    indicatorCodes: z.array(z.string()).nullable(),
    views: z.array(ViewName),
    rotateSeconds: z.number(),
  }),
  now: z.string(),
  indicators: z.array(IndicatorTile),
  stations: z.array(StationView),
  ticker: z.array(AlertView),
});

export const SilenceBody = z.strictObject({
  ruleCode: z.string().max(60).optional(),
  thingCode: z.string().max(60).optional(),
  communeCode: z
    .string()
    .regex(/^\d{5}$/)
    .optional(),
  category: z.string().max(40).optional(),
  startsAt: z.iso.datetime({ offset: true }).optional(),
  endsAt: z.iso.datetime({ offset: true }),
  reason: z.string().trim().min(3).max(500),
});

export const SilenceView = z.object({
  id: z.string(),
  ruleCode: z.string().nullable(),
  thingCode: z.string().nullable(),
  communeCode: z.string().nullable(),
  category: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  reason: z.string(),
  active: z.boolean(),
});

export const IndicatorDetail = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  source: z.string(),
  granularity: z.string(),
  target: z.number().nullable(),
  direction: z.enum(['higher', 'lower']),
  levels: z.array(z.string()),
  history: z.array(z.object({ time: z.string(), value: z.number().nullable(), asOf: z.string() })),
  communes: z.array(
    z.object({
      communeCode: z.string(),
      value: z.number().nullable(),
      time: z.string(),
      asOf: z.string(),
      stale: z.boolean(),
      behindTarget: z.boolean(),
    }),
  ),
});

export const ImportResult = z.object({
  importId: z.string().nullable(),
  imported: z.number(),
  periods: z.array(z.string()),
  errors: z.array(
    z.object({ line: z.number(), column: z.string().nullable(), problem: z.string(), value: z.string() }),
  ),
});

export const IngestResult = z.object({
  accepted: z.number(),
  rejected: z.array(z.object({ key: z.string().nullable(), reason: z.string() })),
});

export const CommuneParams = z.object({ code: z.string().regex(/^\d{5}$/) });

const CommuneCount = z.object({
  communeCode: z.string(),
  name: z.string(),
  value: z.number().nullable(),
  stale: z.boolean(),
});

export const LeaderView = z.object({
  now: z.string(),
  exceptions: z.object({
    overdue: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        nameEn: z.string(),
        unit: z.string(),
        value: z.number().nullable(),
        asOf: z.string().nullable(),
        stale: z.boolean(),
        communes: z.array(CommuneCount),
      }),
    ),
    behindTarget: z.array(IndicatorTile),
    criticalAlerts: z.array(AlertView),
  }),
  /** null for a viewer without `stats.read` */
  leagues: z
    .object({
      period: z.string(),
      minVolume: z.number(),
      communes: z.array(RankingRow),
      departments: z.array(RankingRow),
    })
    .nullable(),
  mayDrill: z.boolean(),
  indicators: z.array(IndicatorTile),
});

export const CommuneView = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  indicators: z.array(IndicatorTile.extend({ cityValue: z.number().nullable() })),
  alerts: z.array(AlertView),
  stations: z.array(StationView),
});

export const CommuneDossiers = z.object({
  figure: z.string(),
  total: z.number(),
  items: z.array(DrillRow),
});

export const NetworkView = z.object({
  from: z.string(),
  to: z.string(),
  days: z.number(),
  limits: z.object({ rttMs: z.number(), lossPct: z.number() }),
  /** percent; null when nothing was expected yet */
  uptime: z.number().nullable(),
  points: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      communeCode: z.string(),
      state: z.enum(['up', 'degraded', 'down', 'silent']),
      lastTime: z.string().nullable(),
      rtt: z.number().nullable(),
      loss: z.number().nullable(),
      uptime: z.number().nullable(),
      rttMean: z.number().nullable(),
      lossMean: z.number().nullable(),
    }),
  ),
  communes: z.array(
    z.object({
      communeCode: z.string(),
      name: z.string(),
      points: z.number(),
      down: z.number(),
      degraded: z.number(),
      uptime: z.number().nullable(),
    }),
  ),
});

export const IndicatorForSet = z.object({
  indicator: z.object({
    code: z.string(),
    name: z.string(),
    nameEn: z.string(),
    unit: z.string(),
    granularity: z.string(),
    target: z.number().nullable(),
    direction: z.enum(['higher', 'lower']),
  }),
  set: z.object({ code: z.string(), size: z.number() }),
  aggregation: z.enum(['sum', 'mean', 'max', 'min']),
  value: z.number().nullable(),
  behindTarget: z.boolean(),
  series: z.array(z.object({ time: z.string(), value: z.number().nullable(), reporting: z.number() })),
  communes: z.array(
    z.object({
      communeCode: z.string(),
      name: z.string(),
      value: z.number().nullable(),
      time: z.string().nullable(),
      stale: z.boolean(),
    }),
  ),
});

export const DashboardBody = z.strictObject({
  indicatorCodes: z.array(z.string().regex(/^[a-z0-9_.-]{1,60}$/)).max(60),
  views: z.array(ViewName).min(1).max(3),
  rotateSeconds: z.number().int().min(0).max(3600),
});

export const DashboardView = z.object({
  roleCode: z.string(),
  indicatorCodes: z.array(z.string()),
  views: z.array(ViewName),
  rotateSeconds: z.number(),
  updatedAt: z.string(),
});
