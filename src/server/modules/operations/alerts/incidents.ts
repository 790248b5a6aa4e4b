// Writes what the rules decided: an alert raised (unless one is already active for the same source
// and rule — the partial unique index guarantees at most one), its severity changed, or cleared; each
// with its incident-log line and its `operations.alert.*` event, notifications when not silenced.
import { randomUUID } from 'node:crypto';
import { and, eq, gt, lte } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { emit } from '../../../platform/events/index.ts';
import { t } from '../../../platform/i18n/index.ts';
import { queueMessage } from '../../../platform/messages/index.ts';
import type { Transition } from './rules.ts';
import { alertLog, alerts, silences } from '../tables.ts';
import type { alertRules } from '../tables.ts';

export type RuleRow = typeof alertRules.$inferSelect;

export interface Decided {
  rule: RuleRow;
  sourceKey: string;
  sourceLabel: string;
  thingId: string | null;
  thingCode: string | null;
  communeCode: string | null;
  agencyCode: string | null;
  transition: Transition;
}

/** Everyone holding operations.view sees alerts live (the wall, the console, the leader's view). */
export const ALERT_AUDIENCE = { permission: 'operations.view' } as const;

type SilenceRow = typeof silences.$inferSelect;

export function silencedBy(
  list: SilenceRow[],
  d: Pick<Decided, 'rule' | 'thingCode' | 'communeCode'>,
): boolean {
  return list.some(
    (s) =>
      (!s.ruleCode || s.ruleCode === d.rule.code) &&
      (!s.thingCode || s.thingCode === d.thingCode) &&
      (!s.communeCode || s.communeCode === d.communeCode) &&
      (!s.category || s.category === d.rule.category),
  );
}

const SYSTEM = 'system';

async function log(
  tx: Tx,
  alertId: string,
  at: Date,
  kind: (typeof alertLog.$inferInsert)['kind'],
  extra: Partial<typeof alertLog.$inferInsert> = {},
) {
  await tx.insert(alertLog).values({ alertId, at, kind, actorLabel: SYSTEM, ...extra });
}

/** The event every alert change emits, with what the wall and the console need to show it. */
export async function emitAlert(tx: Tx, type: string, a: typeof alerts.$inferSelect, ruleName: string) {
  await emit(tx, {
    type: `operations.alert.${type}`,
    aggregateType: 'ops_alert',
    aggregateId: a.id,
    payload: {
      id: a.id,
      ruleName,
      severity: a.severity,
      status: a.status,
      acknowledged: a.acknowledged,
      silenced: a.silenced,
      resolved: a.resolvedAt !== null,
      sourceLabel: a.sourceLabel,
      communeCode: a.communeCode,
      category: a.category,
      value: a.value,
      raisedAt: a.raisedAt.toISOString(),
      updatedAt: a.updatedAt.toISOString(),
    },
    audience: ALERT_AUDIENCE,
  });
}

export async function applyDecisions(db: Db, decided: Decided[]): Promise<void> {
  if (decided.length === 0) return;
  await db.transaction(async (tx) => {
    const now = new Date();
    const open = await tx
      .select()
      .from(silences)
      .where(and(lte(silences.startsAt, now), gt(silences.endsAt, now)));
    for (const d of decided) {
      const at = new Date(d.transition.at);
      const value = d.transition.value;
      const activeOf = and(
        eq(alerts.sourceKey, d.sourceKey),
        eq(alerts.ruleId, d.rule.id),
        eq(alerts.status, 'active'),
      );
      if (d.transition.type === 'raise') {
        const silenced = silencedBy(open, d);
        const [row] = await tx
          .insert(alerts)
          .values({
            id: randomUUID(),
            ruleId: d.rule.id,
            sourceKey: d.sourceKey,
            sourceLabel: d.sourceLabel,
            thingId: d.thingId,
            severity: d.transition.severity,
            status: 'active',
            silenced,
            communeCode: d.communeCode,
            agencyCode: d.agencyCode,
            category: d.rule.category,
            value,
            raisedAt: at,
            updatedAt: at,
          })
          .onConflictDoNothing()
          .returning();
        if (!row) continue;
        await log(tx, row.id, at, 'raised', { severity: row.severity, value });
        await emitAlert(tx, 'raised', row, d.rule.name);
        if (!silenced)
          for (const n of d.rule.notify)
            await queueMessage(tx, {
              channel: n.channel,
              recipient: n.recipient,
              subject: t('vi', 'operations:notify.subject', { rule: d.rule.name }),
              body: t('vi', 'operations:notify.body', {
                rule: d.rule.name,
                source: d.sourceLabel,
                severity: t('vi', `operations:severity.${row.severity}`),
                value: value ?? '',
              }),
              template: 'operations.alert',
              meta: { alertId: row.id },
            });
      } else if (d.transition.type === 'change') {
        const [row] = await tx
          .update(alerts)
          .set({ severity: d.transition.severity, value, updatedAt: at })
          .where(activeOf)
          .returning();
        if (!row) continue;
        await log(tx, row.id, at, 'severity_changed', { severity: row.severity, value });
        await emitAlert(tx, 'changed', row, d.rule.name);
      } else {
        const [row] = await tx
          .update(alerts)
          .set({ status: 'cleared', clearedAt: at, value: value ?? undefined, updatedAt: at })
          .where(activeOf)
          .returning();
        if (!row) continue;
        await log(tx, row.id, at, 'cleared', { value });
        await emitAlert(tx, 'cleared', row, d.rule.name);
      }
    }
  });
}
