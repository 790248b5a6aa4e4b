// The operations centre's data (ADR 18): an indicator registry and its values, sensors after OGC
// SensorThings (thing with its location, datastreams, observations in a time-series table with
// hourly and daily rollups), alert rules as data and one incident model for every kind of alert.
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export type IndicatorLevel = 'city' | 'commune' | 'agency';
export type Granularity = 'hour' | 'day' | 'month' | 'quarter' | 'year';

/** The indicator registry: one row per indicator, whichever source computes or imports it. */
export const indicators = pgTable('ops_indicators', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  unit: text('unit').notNull(),
  /** the module or feed that supplies the values: 'services', 'sensors', 'import', … */
  source: text('source').notNull(),
  granularity: text('granularity').$type<Granularity>().notNull(),
  /** a value older than this is shown as stale */
  freshnessSeconds: integer('freshness_seconds').notNull(),
  target: doublePrecision('target'),
  direction: text('direction').$type<'higher' | 'lower'>().notNull(),
  ownerAgencyCode: text('owner_agency_code'),
  levels: jsonb('levels').$type<IndicatorLevel[]>().notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/**
 * Values with their history: one row per (indicator, level, area, period start). A live source
 * rewrites the row of the current period (value and as-of move); earlier periods stay as history.
 * `areaCode` is '' for the city, the commune code, or the agency code.
 */
export const indicatorValues = pgTable(
  'ops_indicator_values',
  {
    indicatorCode: text('indicator_code').notNull(),
    level: text('level').$type<IndicatorLevel>().notNull(),
    areaCode: text('area_code').notNull(),
    time: ts('time').notNull(),
    value: doublePrecision('value'),
    asOf: ts('as_of').notNull(),
    source: text('source').notNull(),
    importId: uuid('import_id'),
  },
  (t) => [primaryKey({ columns: [t.indicatorCode, t.level, t.areaCode, t.time] })],
);

/** A CSV or Excel file of an indicator's series, kept for the audit trail. */
export const indicatorImports = pgTable('ops_indicator_imports', {
  id: uuid('id').primaryKey(),
  indicatorCode: text('indicator_code').notNull(),
  fileName: text('file_name').notNull(),
  rows: integer('rows').notNull(),
  periods: jsonb('periods').$type<string[]>().notNull(),
  actorId: uuid('actor_id'),
  at: ts('at').notNull().defaultNow(),
});

export type ThingKind = 'air_quality' | 'water_level' | 'flood_spot' | 'network_point';
export type SensorStatus = 'measuring' | 'calibrating' | 'error';

/** A SensorThings Thing with its Location folded in (a station does not move). */
export const things = pgTable(
  'ops_things',
  {
    id: uuid('id').primaryKey(),
    /** the device id in the MQTT topic */
    code: text('code').notNull(),
    /** the service group's API key in the topic (FIWARE IoT agent) */
    apikey: text('apikey').notNull(),
    name: text('name').notNull(),
    kind: text('kind').$type<ThingKind>().notNull(),
    communeCode: text('commune_code').notNull(),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
    status: text('status').$type<SensorStatus>().notNull().default('measuring'),
    /** kind-specific settings, e.g. flood alert thresholds of a hydrological station */
    properties: jsonb('properties').$type<Record<string, unknown>>().notNull().default({}),
    lastSeenAt: ts('last_seen_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('ops_things_key').on(t.apikey, t.code)],
);

/** A SensorThings Datastream: one observed property of a thing, in a unit, at an expected interval. */
export const datastreams = pgTable(
  'ops_datastreams',
  {
    id: uuid('id').primaryKey(),
    thingId: uuid('thing_id')
      .notNull()
      .references(() => things.id),
    /** the attribute name in the payload ({"pm25":41}) */
    key: text('key').notNull(),
    observedProperty: text('observed_property').notNull(),
    unit: text('unit').notNull(),
    expectedIntervalSeconds: integer('expected_interval_seconds').notNull(),
    /** outside this range a reading is physically impossible and is refused */
    validMin: doublePrecision('valid_min'),
    validMax: doublePrecision('valid_max'),
    lastValue: doublePrecision('last_value'),
    lastTime: ts('last_time'),
  },
  (t) => [uniqueIndex('ops_datastreams_key').on(t.thingId, t.key)],
);

/**
 * Observations. On PostgreSQL and PGlite the custom migration recreates this table partitioned by
 * month with a BRIN index on time; drizzle knows it as a plain table.
 */
export const readings = pgTable(
  'ops_readings',
  {
    datastreamId: uuid('datastream_id').notNull(),
    time: ts('time').notNull(),
    value: doublePrecision('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.datastreamId, t.time] })],
);

/** Hourly and daily aggregates, maintained with every batch of readings. */
export const rollups = pgTable(
  'ops_rollups',
  {
    datastreamId: uuid('datastream_id').notNull(),
    bucket: text('bucket').$type<'hour' | 'day'>().notNull(),
    start: ts('start').notNull(),
    n: integer('n').notNull(),
    sum: doublePrecision('sum').notNull(),
    min: doublePrecision('min').notNull(),
    max: doublePrecision('max').notNull(),
  },
  (t) => [primaryKey({ columns: [t.datastreamId, t.bucket, t.start] })],
);

/** Readings refused at ingestion, with the reason, per device. */
export const rejections = pgTable(
  'ops_rejections',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull().defaultNow(),
    apikey: text('apikey').notNull(),
    deviceCode: text('device_code').notNull(),
    thingId: uuid('thing_id'),
    key: text('key'),
    reason: text('reason').notNull(),
    detail: text('detail').notNull(),
  },
  (t) => [index('ops_rejections_device').on(t.apikey, t.deviceCode, t.at)],
);

export type RuleKind = 'threshold' | 'rate_of_change' | 'stale' | 'flat_line' | 'impossible';
export type Severity = 'info' | 'warning' | 'major' | 'critical';

/** Alert rules as data; `params` is validated by the rule kind's schema (alerts/rules.ts). */
export const alertRules = pgTable('ops_alert_rules', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  kind: text('kind').$type<RuleKind>().notNull(),
  /** which datastreams: observed property, and optionally a thing kind or one thing */
  observedProperty: text('observed_property').notNull(),
  thingKind: text('thing_kind').$type<ThingKind>(),
  thingCode: text('thing_code'),
  params: jsonb('params').$type<Record<string, unknown>>().notNull(),
  category: text('category').notNull(),
  /** who is told when an alert of this rule is raised (through the message outbox) */
  notify: jsonb('notify').$type<{ channel: 'email' | 'sms'; recipient: string }[]>().notNull().default([]),
  enabled: boolean('enabled').notNull().default(true),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/**
 * One incident model for every alert: active or cleared × acknowledged or not, at most one active
 * alert per (source, rule) — the partial unique index makes a second one impossible.
 */
export const alerts = pgTable(
  'ops_alerts',
  {
    id: uuid('id').primaryKey(),
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => alertRules.id),
    /** what the alert is about: 'datastream:<id>', 'thing:<id>', 'agency:<code>', … */
    sourceKey: text('source_key').notNull(),
    sourceLabel: text('source_label').notNull(),
    thingId: uuid('thing_id'),
    severity: text('severity').$type<Severity>().notNull(),
    status: text('status').$type<'active' | 'cleared'>().notNull(),
    acknowledged: boolean('acknowledged').notNull().default(false),
    /** raised inside a silence: kept, but not notified nor shown on the ticker */
    silenced: boolean('silenced').notNull().default(false),
    /** routing labels: commune, agency, category */
    communeCode: text('commune_code'),
    agencyCode: text('agency_code'),
    category: text('category').notNull(),
    value: doublePrecision('value'),
    raisedAt: ts('raised_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    clearedAt: ts('cleared_at'),
    acknowledgedAt: ts('acknowledged_at'),
    acknowledgedBy: uuid('acknowledged_by'),
    assigneeId: uuid('assignee_id'),
    resolvedAt: ts('resolved_at'),
  },
  (t) => [
    uniqueIndex('ops_alerts_one_active').on(t.sourceKey, t.ruleId).where(sql`status = 'active'`),
    index('ops_alerts_open').on(t.raisedAt).where(sql`resolved_at is null`),
  ],
);

export type AlertLogKind =
  | 'raised'
  | 'severity_changed'
  | 'cleared'
  | 'acknowledged'
  | 'assigned'
  | 'commented'
  | 'resolved';

/** The incident log: every change of an alert, by the rules or by a person. */
export const alertLog = pgTable(
  'ops_alert_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    alertId: uuid('alert_id')
      .notNull()
      .references(() => alerts.id),
    at: ts('at').notNull(),
    kind: text('kind').$type<AlertLogKind>().notNull(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
    severity: text('severity').$type<Severity>(),
    value: doublePrecision('value'),
    note: text('note'),
  },
  (t) => [index('ops_alert_log_alert').on(t.alertId, t.at)],
);

/** A maintenance window: alerts matching every given label are silenced until `endsAt`. */
export const silences = pgTable('ops_silences', {
  id: uuid('id').primaryKey(),
  ruleCode: text('rule_code'),
  thingCode: text('thing_code'),
  communeCode: text('commune_code'),
  category: text('category'),
  startsAt: ts('starts_at').notNull(),
  endsAt: ts('ends_at').notNull(),
  reason: text('reason').notNull(),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export type DashboardView = 'indicators' | 'stations' | 'network';

/**
 * A wall dashboard per role, set by an administrator: which indicators' tiles, which views rotate on
 * the wall in kiosk mode and how fast. A role without a row sees every indicator and every view.
 */
export const dashboards = pgTable('ops_dashboards', {
  roleCode: text('role_code').primaryKey(),
  indicatorCodes: jsonb('indicator_codes').$type<string[]>().notNull(),
  views: jsonb('views').$type<DashboardView[]>().notNull(),
  /** seconds each view stays on the wall in kiosk mode; 0 shows every view at once */
  rotateSeconds: integer('rotate_seconds').notNull().default(0),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});
