// Loading a meeting inside a command: the row locked, its kind's rules and its participants.
import { eq } from 'drizzle-orm';
import type { KindRules } from '../../../contracts/meetings.ts';
import type { Principal } from '../../platform/access.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { mayRead } from './policy.ts';
import { meetingKinds, meetings, participants } from './tables.ts';

export type MeetingRow = typeof meetings.$inferSelect;
export type ParticipantRow = typeof participants.$inferSelect;

export interface LoadedMeeting {
  meeting: MeetingRow;
  rules: KindRules;
  kindCode: string;
  participants: ParticipantRow[];
}

/**
 * Locks the meeting row: commands on one meeting run one after another (not ballots: see cast-ballot).
 * To someone who may not see the meeting it does not exist: 404, as for an unknown id, so commands do
 * not tell outsiders which meetings are real (issue 10 finding 13).
 */
export async function lockMeeting(
  tx: Tx,
  id: string,
  viewer: Principal | null,
  lock: 'update' | 'share' = 'update',
): Promise<LoadedMeeting> {
  const [row] = await tx
    .select({ meeting: meetings, rules: meetingKinds.rules, kindCode: meetingKinds.code })
    .from(meetings)
    .innerJoin(meetingKinds, eq(meetingKinds.id, meetings.kindId))
    .where(eq(meetings.id, id))
    .for(lock, { of: meetings });
  if (!row) throw new AppError('not_found');
  const rows = await tx.select().from(participants).where(eq(participants.meetingId, id));
  if (!mayRead(viewer, row.meeting, rows)) throw new AppError('not_found');
  return { ...row, participants: rows };
}

/** Commands that change a meeting's content refuse once it has ended or was cancelled. */
export function requireLive(m: MeetingRow): void {
  if (m.state === 'ended' || m.state === 'cancelled')
    throw new AppError('meeting_closed', { state: m.state });
}

export function requireInSession(m: MeetingRow): void {
  if (m.state !== 'in_session') throw new AppError('meeting_not_in_session', { state: m.state });
}

/** PostgreSQL's unique_violation, as raised through Drizzle on PGlite and on node-postgres. */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
