// Who may do what in a meeting. The secretariat holds `meetings.manage` over the organising agency;
// the chair and members act through their participant row in that meeting.
import { can, type Principal } from '../../platform/access.ts';
import type { meetings, participants } from './tables.ts';

export const MANAGE = 'meetings.manage';

type MeetingRow = typeof meetings.$inferSelect;
type ParticipantRow = typeof participants.$inferSelect;

export const isSecretariat = (p: Principal | null, m: Pick<MeetingRow, 'agencyPath'>) =>
  can(p, MANAGE, m.agencyPath);

export const participantOf = (p: Principal | null, rows: readonly ParticipantRow[]) =>
  p ? rows.find((r) => r.userId === p.userId) : undefined;

export const isChair = (p: Principal | null, rows: readonly ParticipantRow[]) =>
  participantOf(p, rows)?.role === 'chair';

/** The chair's console: the chair and the secretariat. */
export const mayRunSession = (p: Principal | null, m: MeetingRow, rows: readonly ParticipantRow[]) =>
  isSecretariat(p, m) || isChair(p, rows);

/** The meeting is visible to its secretariat and its participants. */
export const mayRead = (p: Principal | null, m: MeetingRow, rows: readonly ParticipantRow[]) =>
  isSecretariat(p, m) || !!participantOf(p, rows);

/** A task is closed by an official of the responsible agency (or above it), or by the secretariat. */
export const mayCompleteTask = (
  p: Principal | null,
  task: { responsibleAgencyPath: string },
  m: Pick<MeetingRow, 'agencyPath'>,
) =>
  !!p &&
  (isSecretariat(p, m) ||
    (p.kind === 'official' &&
      p.memberships.some((x) => task.responsibleAgencyPath.startsWith(x.agencyPath))));

type DocumentRow = { latest: boolean; publishedAt: Date | null };

/** Documents not yet approved are seen by the secretariat that prepares them and the chair who approves. */
export const maySeeDrafts = (p: Principal | null, m: MeetingRow, rows: readonly ParticipantRow[]) =>
  isSecretariat(p, m) || isChair(p, rows);

/** Members see the latest version of a document once a leader approved it (it is then published). */
export const maySeeDocument = (
  p: Principal | null,
  m: MeetingRow,
  rows: readonly ParticipantRow[],
  d: DocumentRow,
) => maySeeDrafts(p, m, rows) || (!!participantOf(p, rows) && d.latest && d.publishedAt !== null);
