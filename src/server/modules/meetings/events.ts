// Events of a meeting for the outbox: aggregate `meeting`, seen by its participants and its secretariat.
import type { Audience } from '../../platform/events/index.ts';
import { emit } from '../../platform/events/index.ts';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { LoadedMeeting } from './load.ts';
import { MANAGE } from './policy.ts';

export function meetingAudience(l: Pick<LoadedMeeting, 'meeting' | 'participants'>): Audience {
  return {
    userIds: [...new Set(l.participants.flatMap((p) => (p.userId ? [p.userId] : [])))],
    agencyPaths: [l.meeting.agencyPath],
    permission: MANAGE,
  };
}

/** `meeting.<what>` for everyone in the meeting; the payload carries ids and figures, never a secret choice. */
export async function emitMeeting(
  tx: DbOrTx,
  l: Pick<LoadedMeeting, 'meeting' | 'participants'>,
  what: string,
  payload: Record<string, unknown> = {},
): Promise<void> {
  await emit(tx, {
    type: `meeting.${what}`,
    aggregateType: 'meeting',
    aggregateId: l.meeting.id,
    payload: { meetingId: l.meeting.id, ...payload },
    audience: meetingAudience(l),
  });
}

/** `meeting.<what>` for those who see drafts only: the secretariat and the chair (documents before approval). */
export async function emitTo(
  tx: DbOrTx,
  l: Pick<LoadedMeeting, 'meeting' | 'participants'>,
  _who: 'drafts',
  what: string,
  payload: Record<string, unknown> = {},
): Promise<void> {
  await emit(tx, {
    type: `meeting.${what}`,
    aggregateType: 'meeting',
    aggregateId: l.meeting.id,
    payload: { meetingId: l.meeting.id, ...payload },
    audience: {
      userIds: l.participants.flatMap((p) => (p.role === 'chair' && p.userId ? [p.userId] : [])),
      agencyPaths: [l.meeting.agencyPath],
      permission: MANAGE,
    },
  });
}
