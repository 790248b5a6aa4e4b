import { randomUUID } from 'node:crypto';
import { and, asc, eq, lt } from 'drizzle-orm';
import type { CreateMeetingBody } from '../../../../contracts/meetings.ts';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { t } from '../../../platform/i18n/index.ts';
import { getAgency, getUser } from '../../identity/index.ts';
import { emitMeeting } from '../events.ts';
import { appendLedger } from '../ledger.ts';
import { formatRule, occurrences, parseRule, RuleError, ruleFrom } from '../recurrence.ts';
import { isSecretariat } from '../policy.ts';
import { bridgePoints, items, meetingKinds, meetings, participants, tasks } from '../tables.ts';

/** The starts of the meetings to create: one, or every meeting of a recurring series. */
function seriesOf(first: Date, input: CreateMeetingBody): { starts: Date[]; rrule: string | null } {
  if (!input.repeat && !input.rrule) return { starts: [first], rrule: null };
  try {
    const rule = input.rrule
      ? parseRule(input.rrule)
      : ruleFrom(first, input.repeat!.every, input.repeat!.count);
    return { starts: occurrences(first, rule), rrule: formatRule(rule) };
  } catch (e) {
    if (!(e instanceof RuleError)) throw e;
    throw new AppError('validation', {}, [
      { field: input.rrule ? 'body.rrule' : 'body.repeat', key: `field.${e.key}` },
    ]);
  }
}

/**
 * The secretariat schedules a meeting of a kind, with its participants, bridge points and agenda.
 * Tasks set by earlier meetings of the same organising agency that are open past their deadline come
 * back on the agenda by themselves: a last content reviews them (`carriedTaskIds`).
 * With `repeat` or `rrule`, every meeting of a recurring series is created at once (same participants,
 * agenda and length; each audited, in the ledger and evented), linked by the first meeting's id.
 */
export async function createMeeting(db: Db, ctx: ActionContext, input: CreateMeetingBody) {
  return db.transaction(async (tx) => {
    const agency = await getAgency(tx, input.agencyId);
    if (!agency) throw new AppError('validation', {}, [{ field: 'body.agencyId', key: 'field.not_found' }]);
    if (!ctx.actor) throw new AppError('unauthenticated');
    if (!isSecretariat(ctx.actor, { agencyPath: agency.path })) throw new AppError('forbidden');
    const [kind] = await tx.select().from(meetingKinds).where(eq(meetingKinds.code, input.kindCode));
    if (!kind) throw new AppError('validation', {}, [{ field: 'body.kindCode', key: 'field.not_found' }]);
    const seen = new Set<string>();
    const people = [];
    for (const [i, p] of input.participants.entries()) {
      const user = await getUser(tx, p.userId);
      if (!user || seen.has(p.userId))
        throw new AppError('validation', {}, [
          { field: `body.participants.${i}.userId`, key: user ? 'field.taken' : 'field.not_found' },
        ]);
      seen.add(p.userId);
      people.push({ ...p, name: user.fullName, title: user.title });
    }
    const first = new Date(input.startsAt);
    const length = Date.parse(input.plannedEndAt) - first.getTime();
    const series = seriesOf(first, input);
    const overdue = await tx
      .select({ id: tasks.id })
      .from(tasks)
      .innerJoin(meetings, eq(meetings.id, tasks.meetingId))
      .where(and(eq(tasks.state, 'open'), lt(tasks.dueAt, new Date()), eq(meetings.agencyId, agency.id)))
      .orderBy(asc(tasks.dueAt))
      .limit(200);
    const ids: string[] = [];
    for (const [n, startsAt] of series.starts.entries()) {
      const id = randomUUID();
      const seriesId = series.rrule ? (ids[0] ?? id) : null;
      ids.push(id);
      const [meeting] = await tx
        .insert(meetings)
        .values({
          id,
          kindId: kind.id,
          agencyId: agency.id,
          agencyPath: agency.path,
          title: input.title,
          mode: input.mode,
          place: input.place ?? null,
          startsAt,
          plannedEndAt: new Date(startsAt.getTime() + length),
          urgent: input.urgent,
          seriesId,
          rrule: series.rrule,
          createdBy: ctx.actor.userId,
        })
        .returning();
      const rows = await tx
        .insert(participants)
        .values(
          people.map((p) => ({
            meetingId: id,
            userId: p.userId,
            name: p.name,
            title: p.title,
            role: p.role,
          })),
        )
        .returning();
      if (input.bridgePoints.length)
        await tx
          .insert(bridgePoints)
          .values(
            input.bridgePoints.map((b) => ({ meetingId: id, name: b.name, unitCode: b.unitCode ?? null })),
          );
      // Overdue tasks come back on the next meeting only (the first of a series).
      const carried = n === 0 ? overdue : [];
      const agenda = [
        ...input.items,
        ...(carried.length
          ? [
              {
                title: t(ctx.lang, 'meetings:overdue_item', { n: carried.length }),
                presentingUnit: t(ctx.lang, 'meetings:overdue_unit'),
                plannedMinutes: Math.min(60, 5 + 2 * carried.length),
                expectedOutcome: 'information' as const,
                carriedTaskIds: carried.map((o) => o.id),
              },
            ]
          : []),
      ];
      if (agenda.length)
        await tx.insert(items).values(
          agenda.map((it, i) => ({
            meetingId: id,
            position: i + 1,
            title: it.title,
            presentingUnit: it.presentingUnit,
            presentingAgencyId: 'presentingAgencyId' in it ? (it.presentingAgencyId ?? null) : null,
            plannedMinutes: it.plannedMinutes,
            expectedOutcome: it.expectedOutcome,
            carriedTaskIds: 'carriedTaskIds' in it ? it.carriedTaskIds : [],
          })),
        );
      await appendLedger(tx, id, {
        kind: 'meeting.created',
        data: {
          kind: kind.code,
          plannedStart: startsAt.toISOString(),
          plannedEnd: new Date(startsAt.getTime() + length).toISOString(),
          items: agenda.length,
          participants: rows.length,
          plannedMinutes: agenda.reduce((sum, it) => sum + it.plannedMinutes, 0),
          carriedTasks: carried.length,
          ...(seriesId ? { seriesId, occurrence: n + 1 } : {}),
        },
      });
      await audit(tx, ctx, {
        action: 'meeting.create',
        targetType: 'meeting',
        targetId: id,
        agencyId: agency.id,
        summary: {
          kind: kind.code,
          title: input.title,
          participants: rows.length,
          items: agenda.length,
          carriedTasks: carried.length,
          ...(seriesId ? { seriesId, rrule: series.rrule, occurrence: n + 1 } : {}),
        },
      });
      await emitMeeting(tx, { meeting: meeting!, participants: rows }, 'created', { title: input.title });
    }
    return { id: ids[0]!, series: series.rrule ? ids : [] };
  });
}
