import { eq } from 'drizzle-orm';
import type { UpdateMeetingBody } from '../../../../contracts/meetings.ts';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { loadCalendar } from '../../services/index.ts';
import { emitMeeting } from '../events.ts';
import { deliverInvitations, type InvitationSettings, invitees } from '../invitations.ts';
import { appendLedger } from '../ledger.ts';
import { lockMeeting } from '../load.ts';
import { isSecretariat } from '../policy.ts';
import { meetings } from '../tables.ts';
import { invitationLeadDays } from '../working-days.ts';

/**
 * The secretariat changes the time, place or format of a meeting before it opens. Once invitations
 * went out, every invitee gets the change as an iCalendar update: the same UID, SEQUENCE raised by one,
 * METHOD:REQUEST, by e-mail, SMS and the app. A new start re-counts the lead time from now (the members
 * learn of the new time only now) and flags it when too short.
 */
export async function updateMeeting(
  db: Db,
  ctx: ActionContext,
  meetingId: string,
  input: UpdateMeetingBody,
  settings: InvitationSettings,
) {
  const calendar = await loadCalendar(db);
  return db.transaction(async (tx) => {
    const l = await lockMeeting(tx, meetingId, ctx.actor);
    if (!isSecretariat(ctx.actor, l.meeting)) throw new AppError('forbidden');
    if (!['draft', 'invited'].includes(l.meeting.state))
      throw new AppError('invalid_state', { state: l.meeting.state });
    const m = l.meeting;
    const startsAt = input.startsAt ? new Date(input.startsAt) : m.startsAt;
    const plannedEndAt = input.plannedEndAt ? new Date(input.plannedEndAt) : m.plannedEndAt;
    if (plannedEndAt <= startsAt)
      throw new AppError('validation', {}, [
        { field: 'body.plannedEndAt', key: 'field.meeting_end_before_start' },
      ]);
    const now = new Date();
    if (startsAt <= now)
      throw new AppError('validation', {}, [{ field: 'body.startsAt', key: 'field.meeting_start_past' }]);
    const changed = {
      startsAt: startsAt.getTime() !== m.startsAt.getTime(),
      plannedEndAt: plannedEndAt.getTime() !== m.plannedEndAt.getTime(),
      place: input.place !== undefined && input.place !== (m.place ?? ''),
      mode: input.mode !== undefined && input.mode !== m.mode,
      urgent: input.urgent !== undefined && input.urgent !== m.urgent,
    };
    const fields = Object.entries(changed).flatMap(([k, v]) => (v ? [k] : []));
    if (fields.length === 0)
      throw new AppError('validation', {}, [{ field: 'body', key: 'field.meeting_nothing_changed' }]);
    const invited = m.invitedAt !== null;
    const lead =
      invited && changed.startsAt ? invitationLeadDays(calendar, now, startsAt) : m.leadWorkingDays;
    const [updated] = await tx
      .update(meetings)
      .set({
        startsAt,
        plannedEndAt,
        place: input.place !== undefined ? input.place || null : m.place,
        mode: input.mode ?? m.mode,
        urgent: input.urgent ?? m.urgent,
        icalSequence: invited ? m.icalSequence + 1 : m.icalSequence,
        leadWorkingDays: lead,
        leadTooShort: lead === null ? m.leadTooShort : lead < l.rules.leadWorkingDays,
        version: m.version + 1,
      })
      .where(eq(meetings.id, meetingId))
      .returning();
    const next = { ...l, meeting: updated! };
    const sent = invited
      ? await deliverInvitations(tx, next, invitees(l.participants), 'update', settings, { now })
      : { app: 0, email: 0, sms: 0 };
    const summary = {
      changed: fields,
      sequence: updated!.icalSequence,
      leadWorkingDays: lead,
      tooShort: updated!.leadTooShort,
      ...sent,
    };
    await appendLedger(tx, meetingId, {
      kind: 'meeting.updated',
      data: {
        ...summary,
        plannedStart: startsAt.toISOString(),
        plannedEnd: plannedEndAt.toISOString(),
        reason: input.reason ?? null,
      },
    });
    await audit(tx, ctx, {
      action: 'meeting.update',
      targetType: 'meeting',
      targetId: meetingId,
      agencyId: m.agencyId,
      summary: { ...summary, reason: input.reason ?? null },
    });
    await emitMeeting(tx, next, 'updated', { changed: fields, startsAt: startsAt.toISOString() });
    return summary;
  });
}
