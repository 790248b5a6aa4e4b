import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { CreateMeetingBody } from '../../../../contracts/meetings.ts';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { getAgency, getUser } from '../../identity/index.ts';
import { emitMeeting } from '../events.ts';
import { appendLedger } from '../ledger.ts';
import { isSecretariat } from '../policy.ts';
import { bridgePoints, items, meetingKinds, meetings, participants } from '../tables.ts';

/** The secretariat schedules a meeting of a kind, with its participants, bridge points and agenda. */
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
    const id = randomUUID();
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
        startsAt: new Date(input.startsAt),
        plannedEndAt: new Date(input.plannedEndAt),
        urgent: input.urgent,
        createdBy: ctx.actor.userId,
      })
      .returning();
    const rows = await tx
      .insert(participants)
      .values(
        people.map((p) => ({ meetingId: id, userId: p.userId, name: p.name, title: p.title, role: p.role })),
      )
      .returning();
    if (input.bridgePoints.length)
      await tx
        .insert(bridgePoints)
        .values(
          input.bridgePoints.map((b) => ({ meetingId: id, name: b.name, unitCode: b.unitCode ?? null })),
        );
    if (input.items.length)
      await tx.insert(items).values(
        input.items.map((it, i) => ({
          meetingId: id,
          position: i + 1,
          title: it.title,
          presentingUnit: it.presentingUnit,
          presentingAgencyId: it.presentingAgencyId ?? null,
          plannedMinutes: it.plannedMinutes,
          expectedOutcome: it.expectedOutcome,
        })),
      );
    await appendLedger(tx, id, {
      kind: 'meeting.created',
      data: {
        kind: kind.code,
        plannedStart: input.startsAt,
        plannedEnd: input.plannedEndAt,
        items: input.items.length,
        participants: rows.length,
        plannedMinutes: input.items.reduce((t, it) => t + it.plannedMinutes, 0),
      },
    });
    await audit(tx, ctx, {
      action: 'meeting.create',
      targetType: 'meeting',
      targetId: id,
      agencyId: agency.id,
      summary: { kind: kind.code, title: input.title, participants: rows.length, items: input.items.length },
    });
    await emitMeeting(tx, { meeting: meeting!, participants: rows }, 'created', { title: input.title });
    return { id };
  });
}
