import { inArray } from 'drizzle-orm';
import { requirePermission } from '../../../platform/access.ts';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emit } from '../../../platform/events/index.ts';
import { roleCodes } from '../../identity/index.ts';
import { ALERT_AUDIENCE } from '../alerts/incidents.ts';
import { type DashboardView, dashboards, indicators } from '../tables.ts';

export interface DashboardInput {
  indicatorCodes: string[];
  views: DashboardView[];
  rotateSeconds: number;
}

/** An administrator sets a role's wall: the indicators shown, the views that rotate and how fast. */
export async function saveDashboard(db: Db, ctx: ActionContext, roleCode: string, input: DashboardInput) {
  requirePermission(ctx.actor, 'operations.manage');
  return db.transaction(async (tx) => {
    if (!(await roleCodes(tx)).includes(roleCode))
      throw new AppError('validation', {}, [{ field: 'params.role', key: 'field.not_found' }]);
    const known = new Set(
      (
        await tx
          .select({ code: indicators.code })
          .from(indicators)
          .where(inArray(indicators.code, input.indicatorCodes.length ? input.indicatorCodes : ['']))
      ).map((r) => r.code),
    );
    const unknown = input.indicatorCodes.filter((c) => !known.has(c));
    if (unknown.length)
      throw new AppError(
        'validation',
        {},
        unknown.map((code) => ({
          field: `body.indicatorCodes.${input.indicatorCodes.indexOf(code)}`,
          key: 'field.unknown_indicator',
          params: { code },
        })),
      );
    const values = {
      roleCode,
      indicatorCodes: [...new Set(input.indicatorCodes)],
      views: [...new Set(input.views)],
      rotateSeconds: input.rotateSeconds,
      updatedAt: new Date(),
      updatedBy: ctx.actor?.userId ?? null,
    };
    const [row] = await tx
      .insert(dashboards)
      .values(values)
      .onConflictDoUpdate({ target: dashboards.roleCode, set: values })
      .returning();
    await audit(tx, ctx, {
      action: 'ops_dashboard.save',
      targetType: 'ops_dashboard',
      summary: {
        role: roleCode,
        indicators: values.indicatorCodes,
        views: values.views,
        rotateSeconds: values.rotateSeconds,
      },
    });
    await emit(tx, {
      type: 'operations.dashboard.saved',
      aggregateType: 'ops_dashboard',
      payload: { role: roleCode },
      audience: ALERT_AUDIENCE,
    });
    return row!;
  });
}
