// Administration of the DVCQG sync: state counts and failures, re-send, reconciliation by period.
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../../platform/module.ts';
import { audit } from '../../../platform/audit/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { dvcqgReconciliations, dvcqgSync } from '../tables.ts';
import type { DvcqgClient } from './client.ts';
import { reconcilePeriod } from './reconcile.ts';
import { markPending, queueSync, syncCounts } from './sync.ts';

const tags = ['Đồng bộ DVCQG (admin)'];
// The national sync covers every agency's dossiers: administered from the root only.
const manage = { config: { access: { permission: 'integration.manage', city: true } } } as const;
const Day = z.iso.date();

const SyncRow = z.object({
  dossierId: z.string(),
  code: z.string(),
  state: z.enum(['pending', 'synced', 'failed']),
  revision: z.number(),
  sentRevision: z.number().nullable(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  syncedAt: z.string().nullable(),
});
const Reconciliation = z.object({
  id: z.number(),
  from: z.string(),
  to: z.string(),
  localCount: z.number(),
  remoteCount: z.number(),
  missing: z.array(z.string()),
  stale: z.array(z.string()),
  unknown: z.array(z.string()),
  resent: z.number(),
});

export async function dvcqgAdminRoutes(root: FastifyInstance, deps: Deps, client: DvcqgClient | undefined) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const needClient = () =>
    client ??
    (() => {
      throw new AppError('dvcqg_not_configured');
    })();

  app.get(
    '/api/admin/dvcqg/sync',
    {
      ...manage,
      schema: {
        tags,
        summary: 'Tình trạng đồng bộ: số hồ sơ chờ, đã đồng bộ, lỗi; danh sách theo trạng thái',
        querystring: z.strictObject({
          state: z.enum(['pending', 'synced', 'failed']).default('failed'),
          /** keyset paging: codes after this one */
          after: z.string().max(60).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.object({
            configured: z.boolean(),
            counts: z.object({ pending: z.number(), synced: z.number(), failed: z.number() }),
            items: z.array(SyncRow),
          }),
        },
      },
    },
    async (req) => {
      const { state, after, limit } = req.query;
      const rows = await db
        .select()
        .from(dvcqgSync)
        .where(and(eq(dvcqgSync.state, state), after ? sql`${dvcqgSync.code} > ${after}` : undefined))
        .orderBy(dvcqgSync.code)
        .limit(limit);
      return {
        configured: !!client,
        counts: await syncCounts(db),
        items: rows.map((r) => ({
          dossierId: r.dossierId,
          code: r.code,
          state: r.state,
          revision: r.revision,
          sentRevision: r.sentRevision,
          attempts: r.attempts,
          lastError: r.lastError,
          lastAttemptAt: r.lastAttemptAt?.toISOString() ?? null,
          syncedAt: r.syncedAt?.toISOString() ?? null,
        })),
      };
    },
  );

  app.post(
    '/api/admin/dvcqg/sync/resend',
    {
      ...manage,
      schema: {
        tags,
        summary: 'Gửi lại hồ sơ: một hồ sơ (dossierId) hoặc mọi hồ sơ lỗi',
        body: z.strictObject({ dossierId: z.uuid().optional(), allFailed: z.literal(true).optional() }),
        response: { 200: z.object({ queued: z.number() }) },
      },
    },
    async (req) => {
      needClient();
      const { dossierId, allFailed } = req.body;
      if (!dossierId && !allFailed)
        throw new AppError('validation', {}, [{ field: 'body.dossierId', key: 'field.required' }]);
      return db.transaction(async (tx) => {
        const rows = await tx
          .select({ id: dvcqgSync.dossierId, code: dvcqgSync.code, revision: dvcqgSync.revision })
          .from(dvcqgSync)
          .where(dossierId ? eq(dvcqgSync.dossierId, dossierId) : eq(dvcqgSync.state, 'failed'));
        if (dossierId && rows.length === 0) throw new AppError('not_found');
        await markPending(tx, rows, { resetAttempts: true });
        await queueSync(
          tx,
          rows.map((r) => r.id),
        );
        await audit(tx, req.ctx(), {
          action: 'dvcqg.resend',
          targetType: dossierId ? 'dossier' : 'dvcqg_sync',
          targetId: dossierId ?? null,
          summary: { count: rows.length, codes: rows.slice(0, 50).map((r) => r.code) },
        });
        return { queued: rows.length };
      });
    },
  );

  app.post(
    '/api/admin/dvcqg/reconcile',
    {
      ...manage,
      schema: {
        tags,
        summary: 'Đối soát một kỳ với DVCQG (so số lượng và mã hồ sơ, gửi lại phần thiếu)',
        body: z.strictObject({ from: Day, to: Day }),
        response: { 200: Reconciliation },
      },
    },
    async (req) => {
      // An unreachable portal is a 502 (dvcqg_unavailable) and changes nothing here.
      return reconcilePeriod(db, needClient(), req.ctx(), req.body);
    },
  );

  app.get(
    '/api/admin/dvcqg/reconciliations',
    {
      ...manage,
      schema: {
        tags,
        summary: 'Các lần đối soát gần đây',
        querystring: z.strictObject({ before: z.coerce.number().int().optional() }),
        response: {
          200: z.object({
            items: z.array(Reconciliation.extend({ at: z.string(), actorLabel: z.string() })),
          }),
        },
      },
    },
    async (req) => {
      const rows = await db
        .select()
        .from(dvcqgReconciliations)
        .where(req.query.before ? lt(dvcqgReconciliations.id, req.query.before) : undefined)
        .orderBy(desc(dvcqgReconciliations.id))
        .limit(20);
      return { items: rows.map((r) => ({ ...r, at: r.at.toISOString() })) };
    },
  );
}
