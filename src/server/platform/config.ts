import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

// One typed configuration, read once from the environment and an optional JSON file
// (CQS_CONFIG_FILE or <DATA_DIR>/config.json). Nothing else reads process.env.
const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  PUBLIC_URL: z.url().optional(),
  SMTP_URL: z
    .string()
    .regex(/^(smtps?:\/\/|outbox$)/, 'must be smtp://, smtps:// or "outbox"')
    .optional(),
  LOG_LEVEL: LogLevel.default('info'),
  SMS_URL: z.url().optional(),
  SMS_TOKEN: z.string().min(8).optional(),
  DVCQG_URL: z.url().optional(),
  DVCQG_CLIENT_ID: z.string().min(1).max(200).optional(),
  DVCQG_CLIENT_SECRET: z.string().min(8, 'must be at least 8 characters').optional(),
  DVCQG_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** hosts, addresses or CIDR ranges (each optionally :port) webhooks may reach although local or private */
  OUTBOUND_ALLOW: z.string().optional(),
  /** the bearer token /metrics asks for; without it /metrics answers only on a loopback connection */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** how often the end of the audit chain is written outside the database (when it has grown) */
  AUDIT_CHECKPOINT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** an endpoint that receives every audit checkpoint as a JSON POST (an anchor someone else keeps) */
  AUDIT_ANCHOR_URL: z.url().optional(),
  /** sent to AUDIT_ANCHOR_URL as a bearer token */
  AUDIT_ANCHOR_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** what one person may hold in uploads nothing has taken yet (MB): see platform/files/quota.ts */
  UPLOAD_QUOTA_MB: z.coerce.number().positive().max(102_400).default(500),
  /** how long an upload may wait to be attached before the orphan sweep removes it (hours) */
  UPLOAD_ORPHAN_HOURS: z.coerce.number().positive().max(8_760).default(24),
  PROVINCE_CODE: z
    .string()
    .regex(/^\d{2}$/, 'must be a two-digit province code')
    .default('79'),
  DEMO: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .optional(),
  /** dossiers of history (two years) the first demo start generates, so statistics and inboxes are alive */
  DEMO_HISTORY: z.coerce.number().int().min(0).max(2_000_000).default(20_000),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  MAX_UPLOAD_MB: z.coerce.number().positive().max(1024).default(25),
  /** live event streams (/api/events) this node holds at most; more are refused with 503 */
  REALTIME_MAX_STREAMS: z.coerce.number().int().min(1).max(1_000_000).default(20_000),
  /** streams one user may hold on a node; a new one closes their oldest */
  REALTIME_MAX_STREAMS_PER_USER: z.coerce.number().int().min(1).max(100_000).default(20),
  WORKERS: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .default(true),
  SECRET_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .default(false),
  PAYMENT_GATEWAY_URL: z.url().optional(),
  PAYMENT_MERCHANT_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{3,40}$/, 'must be 3–40 letters or digits')
    .optional(),
  PAYMENT_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  PAYMENT_GATEWAY_SANDBOX: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .optional(),
  /** JSON read by the statistics module (766 weights, ranking minimum, legal maximum); validated there */
  STATS_SETTINGS: z.string().min(2).optional(),
  /** sensors' MQTT: "embedded" (an aedes broker in this process), "off", or an external broker's URL */
  MQTT_BROKER: z
    .string()
    .regex(/^(embedded|off|mqtts?:\/\/.+)$/, 'must be "embedded", "off" or an mqtt:// or mqtts:// URL')
    .optional(),
  /** the embedded broker's port (0 = any free port) */
  MQTT_PORT: z.coerce.number().int().min(0).max(65535).default(1883),
  /** run the demo sensor simulator in this process (default: on in demo mode) */
  SENSOR_SIMULATOR: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .optional(),
  /** off only for a bulk load followed by `cqs stats rebuild`, or to measure what maintenance costs */
  STATS_MAINTENANCE: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .default(true),
});

export type RawConfig = z.infer<typeof ConfigSchema>;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string;
  smtpUrl: string;
  logLevel: z.infer<typeof LogLevel>;
  provinceCode: string;
  /** demo mode: demo accounts work, messages are kept in the outbox, a banner says so */
  demo: boolean;
  /** dossiers generated at the first start of a demo database (0: none) */
  demoHistory: number;
  env: 'development' | 'production' | 'test';
  maxUploadBytes: number;
  realtime: { maxStreams: number; maxStreamsPerUser: number };
  /** run background workers (jobs, outbox dispatch) in this process */
  workers: boolean;
  /** keep the statistics read model in step with every dossier change (ADR 11) */
  statsMaintenance: boolean;
  trustProxy: boolean;
  /** set in production with several nodes; otherwise generated into the data directory */
  secretKey: string | undefined;
  /** the SMS gateway (docs/contracts/sms-gateway.md); without it SMS are kept in the outbox */
  sms: { url: string; token: string } | undefined;
  /**
   * The payment gateway (docs/contracts/payment-gateway.md); without it only counter payments are
   * recorded. `sandbox` labels it in the UI as a test environment (default: true unless set false).
   */
  payments: { url: string; merchantId: string; secret: string; sandbox: boolean } | undefined;
  /** the national portal's sync endpoint (docs/contracts/dvcqg.md); without it dossiers wait as pending */
  dvcqg: { url: string; clientId: string; clientSecret: string; timeoutMs: number } | undefined;
  /** how long a webhook receiver has to answer */
  webhookTimeoutMs: number;
  /** local or private targets webhooks may reach (development, contract tests); empty in production */
  outboundAllow: string[];
  /** bearer token for /metrics (undefined: loopback callers only) */
  metricsToken: string | undefined;
  /** bytes one person may hold in uploads not yet attached to anything (unfinished uploads included) */
  uploadQuotaBytes: number;
  /** how long an unattached upload is kept before the orphan sweep removes it */
  uploadOrphanMs: number;
  /** audit checkpoints outside the database (ADR 21): how often, and the optional external anchor */
  audit: { checkpointMs: number; anchorUrl: string | undefined; anchorToken: string | undefined };
  /** raw JSON for the statistics module, which validates it at start-up */
  statsSettings: string | undefined;
  /** sensor ingestion over MQTT: an embedded broker on a port, an external broker, or none */
  mqtt: { kind: 'embedded'; port: number } | { kind: 'external'; url: string } | { kind: 'off' };
  /** drive the demo stations from this process */
  sensorSimulator: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Source = Record<string, string | undefined>;

function readConfigFile(env: Source): Source {
  const file = env.CQS_CONFIG_FILE ?? resolve(env.DATA_DIR ?? './data', 'config.json');
  if (!existsSync(file)) {
    if (env.CQS_CONFIG_FILE) throw new ConfigError([`CQS_CONFIG_FILE: file not found: ${file}`]);
    return {};
  }
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
    // A nested object (STATS_SETTINGS) stays JSON text for the module that reads it.
    const text = (v: unknown) =>
      v == null ? undefined : typeof v === 'object' ? JSON.stringify(v) : String(v);
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, text(v)]));
  } catch (err) {
    throw new ConfigError([`${file}: not valid JSON (${(err as Error).message})`]);
  }
}

function mqttOf(broker: string, port: number): Config['mqtt'] {
  if (broker === 'off') return { kind: 'off' };
  if (broker === 'embedded') return { kind: 'embedded', port };
  return { kind: 'external', url: broker };
}

/** Builds the config; environment variables win over the config file. Throws ConfigError listing every problem. */
export function loadConfig(env: Source = process.env): Config {
  const merged: Source = { ...readConfigFile(env) };
  for (const key of Object.keys(ConfigSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') merged[key] = value;
  }
  const result = ConfigSchema.safeParse(merged);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map(
        (i) =>
          `${i.path.join('.') || '(root)'}: ${i.message} (got ${JSON.stringify(merged[String(i.path[0])])})`,
      ),
    );
  }
  const c = result.data;
  const paymentKeys = [c.PAYMENT_GATEWAY_URL, c.PAYMENT_MERCHANT_ID, c.PAYMENT_SECRET];
  if (paymentKeys.some(Boolean) && !paymentKeys.every(Boolean))
    throw new ConfigError([
      'PAYMENT_GATEWAY_URL, PAYMENT_MERCHANT_ID and PAYMENT_SECRET: set all three or none',
    ]);
  // The portal needs all three: a URL alone would send unauthenticated requests that can only fail.
  const dvcqgParts = [c.DVCQG_URL, c.DVCQG_CLIENT_ID, c.DVCQG_CLIENT_SECRET];
  if (dvcqgParts.some(Boolean) && !dvcqgParts.every(Boolean))
    throw new ConfigError([
      'DVCQG_URL, DVCQG_CLIENT_ID, DVCQG_CLIENT_SECRET: set all three to sync with DVCQG, or none',
    ]);
  const embedded = !c.DATABASE_URL;
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: resolve(c.DATA_DIR),
    databaseUrl: c.DATABASE_URL,
    publicUrl: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, ''),
    smtpUrl: c.SMTP_URL ?? 'outbox',
    logLevel: c.LOG_LEVEL,
    provinceCode: c.PROVINCE_CODE,
    // Demo mode defaults on for the embedded database and off for PostgreSQL.
    demo: c.DEMO ?? embedded,
    demoHistory: c.DEMO_HISTORY,
    env: c.NODE_ENV,
    maxUploadBytes: Math.round(c.MAX_UPLOAD_MB * 1024 * 1024),
    realtime: { maxStreams: c.REALTIME_MAX_STREAMS, maxStreamsPerUser: c.REALTIME_MAX_STREAMS_PER_USER },
    workers: c.WORKERS,
    statsMaintenance: c.STATS_MAINTENANCE,
    trustProxy: c.TRUST_PROXY,
    secretKey: c.SECRET_KEY,
    sms: c.SMS_URL && c.SMS_TOKEN ? { url: c.SMS_URL, token: c.SMS_TOKEN } : undefined,
    payments:
      c.PAYMENT_GATEWAY_URL && c.PAYMENT_MERCHANT_ID && c.PAYMENT_SECRET
        ? {
            url: c.PAYMENT_GATEWAY_URL.replace(/\/$/, ''),
            merchantId: c.PAYMENT_MERCHANT_ID,
            secret: c.PAYMENT_SECRET,
            sandbox: c.PAYMENT_GATEWAY_SANDBOX ?? true,
          }
        : undefined,
    webhookTimeoutMs: c.WEBHOOK_TIMEOUT_MS,
    outboundAllow: (c.OUTBOUND_ALLOW ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    metricsToken: c.METRICS_TOKEN,
    uploadQuotaBytes: Math.round(c.UPLOAD_QUOTA_MB * 1024 * 1024),
    uploadOrphanMs: Math.round(c.UPLOAD_ORPHAN_HOURS * 3_600_000),
    audit: {
      checkpointMs: c.AUDIT_CHECKPOINT_SECONDS * 1000,
      anchorUrl: c.AUDIT_ANCHOR_URL,
      anchorToken: c.AUDIT_ANCHOR_TOKEN,
    },
    dvcqg:
      c.DVCQG_URL && c.DVCQG_CLIENT_ID && c.DVCQG_CLIENT_SECRET
        ? {
            url: c.DVCQG_URL.replace(/\/$/, ''),
            clientId: c.DVCQG_CLIENT_ID,
            clientSecret: c.DVCQG_CLIENT_SECRET,
            timeoutMs: c.DVCQG_TIMEOUT_MS,
          }
        : undefined,
    statsSettings: c.STATS_SETTINGS,
    // Tests start a broker only when they ask for one.
    mqtt: mqttOf(c.MQTT_BROKER ?? (c.NODE_ENV === 'test' ? 'off' : 'embedded'), c.MQTT_PORT),
    sensorSimulator: c.SENSOR_SIMULATOR ?? ((c.DEMO ?? embedded) && c.NODE_ENV !== 'test'),
  };
}
