// Reads for the meeting list, the meeting (tablet, console, hall), tasks and the figures.
import { and, asc, desc, eq, inArray, like, lt, or, type SQL } from 'drizzle-orm';
import { type Principal, scopePaths } from '../../platform/access.ts';
import type { DbOrTx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { getAgency } from '../identity/index.ts';
import { attendance } from './attendance.ts';
import { DEFAULT_KINDS } from './kinds.ts';
import { meetingFigures } from './figures.ts';
import type { MeetingRow } from './load.ts';
import { files } from '../../platform/files/index.ts';
import {
  isChair,
  isSecretariat,
  MANAGE,
  mayRead,
  maySeeDocument,
  maySeeDrafts,
  participantOf,
} from './policy.ts';
import {
  presentConclusion,
  presentItem,
  presentMeetingSummary,
  presentParticipant,
  presentPoll,
  presentSpeech,
  presentTask,
} from './presenters.ts';
import {
  advanceQuestions,
  ballots,
  bridgePoints,
  conclusions,
  documents,
  items,
  ledger,
  meetingKinds,
  meetings,
  minutes,
  participants,
  pollElectors,
  polls,
  roundAnswers,
  roundElectors,
  roundQuestions,
  rounds,
  speeches,
  tasks,
} from './tables.ts';

/** Meetings the official organises (secretariat scope) or takes part in, newest first. */
export async function listMeetings(db: DbOrTx, p: Principal) {
  const paths = scopePaths(p, MANAGE);
  const mine = db
    .select({ id: participants.meetingId })
    .from(participants)
    .where(eq(participants.userId, p.userId));
  const where: SQL[] = [
    inArray(meetings.id, mine),
    ...paths.map((path) => like(meetings.agencyPath, `${path}%`)),
  ];
  const rows = await db
    .select({ m: meetings, code: meetingKinds.code, name: meetingKinds.name, nameEn: meetingKinds.nameEn })
    .from(meetings)
    .innerJoin(meetingKinds, eq(meetingKinds.id, meetings.kindId))
    .where(or(...where))
    .orderBy(desc(meetings.startsAt))
    .limit(500);
  return rows.map((r) => presentMeetingSummary(r.m, r));
}

async function loadForRead(db: DbOrTx, p: Principal, id: string) {
  const [row] = await db
    .select({ m: meetings, kind: meetingKinds })
    .from(meetings)
    .innerJoin(meetingKinds, eq(meetingKinds.id, meetings.kindId))
    .where(eq(meetings.id, id));
  if (!row) throw new AppError('not_found');
  const people = await db.select().from(participants).where(eq(participants.meetingId, id));
  if (!mayRead(p, row.m, people)) throw new AppError('not_found');
  return { ...row, people };
}

/** Everything a participant's tablet, the chair's console and the hall display show. */
export async function meetingView(db: DbOrTx, p: Principal, id: string) {
  const { m, kind, people } = await loadForRead(db, p, id);
  const [agenda, points, queue, pollRows, concl, taskRows] = await Promise.all([
    db.select().from(items).where(eq(items.meetingId, id)).orderBy(asc(items.position)),
    db.select().from(bridgePoints).where(eq(bridgePoints.meetingId, id)),
    db
      .select()
      .from(speeches)
      .where(and(eq(speeches.meetingId, id), inArray(speeches.state, ['waiting', 'speaking'])))
      .orderBy(asc(speeches.requestedAt)),
    db.select().from(polls).where(eq(polls.meetingId, id)).orderBy(asc(polls.openedAt)),
    db.select().from(conclusions).where(eq(conclusions.meetingId, id)),
    db.select().from(tasks).where(eq(tasks.meetingId, id)).orderBy(asc(tasks.dueAt)),
  ]);
  const me = participantOf(p, people);
  const pollIds = pollRows.map((x) => x.id);
  const [myElectors, named] = pollIds.length
    ? await Promise.all([
        db
          .select()
          .from(pollElectors)
          .where(and(inArray(pollElectors.pollId, pollIds), eq(pollElectors.userId, p.userId))),
        db.select().from(ballots).where(inArray(ballots.pollId, pollIds)),
      ])
    : [[], []];
  const carriedIds = agenda.flatMap((i) => i.carriedTaskIds);
  const carried = carriedIds.length
    ? await db.select().from(tasks).where(inArray(tasks.id, carriedIds)).orderBy(asc(tasks.dueAt))
    : [];
  const now = new Date();
  return {
    meeting: presentMeetingSummary(m, kind),
    rules: kind.rules,
    me: me ? presentParticipant(me) : null,
    can: { manage: isSecretariat(p, m), chair: isChair(p, people) },
    quorum: attendance(kind.rules, people),
    participants: people.map(presentParticipant),
    bridgePoints: points.map((b) => ({ id: b.id, name: b.name, unitCode: b.unitCode })),
    items: agenda.map(presentItem),
    speeches: queue.map(presentSpeech),
    polls: pollRows.map((x) => {
      const e = myElectors.find((y) => y.pollId === x.id);
      return presentPoll(
        x,
        { elector: !!e, voted: e?.voted ?? false },
        named
          .filter((b) => b.pollId === x.id)
          .map((b) => ({ participantId: b.participantId, choice: b.choice })),
      );
    }),
    conclusions: concl.map(presentConclusion),
    tasks: taskRows.map((t) => presentTask(t, now)),
    /** overdue tasks of earlier meetings that contents of this one review */
    carriedTasks: carried.map((t) => presentTask(t, now)),
    serverTime: now.toISOString(),
  };
}

/** Tasks of the agencies the official belongs to (or below them), open first, overdue flagged. */
export async function agencyTasks(db: DbOrTx, p: Principal) {
  const paths = p.memberships.map((m) => m.agencyPath);
  if (paths.length === 0) return [];
  const rows = await db
    .select({ t: tasks, title: meetings.title })
    .from(tasks)
    .innerJoin(meetings, eq(meetings.id, tasks.meetingId))
    .where(or(...paths.map((path) => like(tasks.responsibleAgencyPath, `${path}%`))))
    .orderBy(desc(eq(tasks.state, 'open')), asc(tasks.dueAt))
    .limit(1000);
  const now = new Date();
  return rows.map((r) => ({ ...presentTask(r.t, now), meetingTitle: r.title }));
}

/** The measured figures of one meeting, from its ledger: for the secretariat. */
export async function meetingLedgerFigures(db: DbOrTx, p: Principal, id: string) {
  const { m } = await loadForRead(db, p, id);
  if (!isSecretariat(p, m)) throw new AppError('forbidden');
  return figuresOf(db, m);
}

export async function figuresOf(db: DbOrTx, m: Pick<MeetingRow, 'id'>) {
  const [rows, agenda] = await Promise.all([
    db.select().from(ledger).where(eq(ledger.meetingId, m.id)).orderBy(asc(ledger.id)),
    db.select().from(items).where(eq(items.meetingId, m.id)),
  ]);
  return meetingFigures(rows, agenda);
}

/** What the conclusion notice says: the meeting, its chair, and each content's conclusion. */
export async function noticeContent(db: DbOrTx, p: Principal, id: string) {
  const { m, kind, people } = await loadForRead(db, p, id);
  const agenda = await db.select().from(items).where(eq(items.meetingId, id)).orderBy(asc(items.position));
  const concl = await db.select().from(conclusions).where(eq(conclusions.meetingId, id));
  const taskRows = await db.select().from(tasks).where(eq(tasks.meetingId, id)).orderBy(asc(tasks.dueAt));
  return { meeting: m, kind, people, items: agenda, conclusions: concl, tasks: taskRows };
}

/**
 * The documents of a meeting as the viewer may see them: all versions for the secretariat and the
 * chair; for members the latest approved version of each. A classified document is listed by its
 * metadata only (title, pages, paper copies), never with a file.
 */
export async function meetingDocuments(db: DbOrTx, p: Principal, id: string) {
  const { m, people } = await loadForRead(db, p, id);
  const rows = await db
    .select()
    .from(documents)
    .where(eq(documents.meetingId, id))
    .orderBy(asc(documents.itemId), asc(documents.title), desc(documents.version));
  const drafts = maySeeDrafts(p, m, people);
  return rows
    .filter((d) => maySeeDocument(p, m, people, d))
    .map((d) => ({
      id: d.id,
      itemId: d.itemId,
      title: d.title,
      version: d.version,
      latest: d.latest,
      classified: d.classified,
      pageCount: d.pageCount,
      paperCopies: d.classified ? d.paperCopies : 0,
      approved: d.approvedAt !== null,
      publishedAt: d.publishedAt?.toISOString() ?? null,
      readable: !d.classified && d.fileId !== null,
      ...(drafts ? { createdAt: d.createdAt.toISOString() } : {}),
    }));
}

/** The PDF of a document the viewer may read (never a classified one). */
export async function documentFile(db: DbOrTx, p: Principal, id: string, documentId: string) {
  const { m, people } = await loadForRead(db, p, id);
  const [d] = await db
    .select({ doc: documents, file: files })
    .from(documents)
    .innerJoin(files, eq(files.id, documents.fileId))
    .where(and(eq(documents.id, documentId), eq(documents.meetingId, id)));
  if (!d || d.doc.classified || !maySeeDocument(p, m, people, d.doc)) throw new AppError('not_found');
  return d;
}

/** The minutes of a meeting, for its participants and secretariat. */
export async function meetingMinutes(db: DbOrTx, p: Principal, id: string) {
  await loadForRead(db, p, id);
  const [row] = await db.select().from(minutes).where(eq(minutes.meetingId, id));
  if (!row) throw new AppError('not_found');
  return {
    body: row.body,
    version: row.version,
    state: row.state,
    draftedAt: row.draftedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    signedAt: row.signedAt?.toISOString() ?? null,
  };
}

/** Open tasks past their deadline, set by meetings the official organises (secretariat scope). */
export async function overdueTasks(db: DbOrTx, p: Principal) {
  const paths = scopePaths(p, MANAGE);
  if (paths.length === 0) throw new AppError('forbidden');
  const now = new Date();
  const rows = await db
    .select({ t: tasks, title: meetings.title })
    .from(tasks)
    .innerJoin(meetings, eq(meetings.id, tasks.meetingId))
    .where(
      and(
        eq(tasks.state, 'open'),
        lt(tasks.dueAt, now),
        or(...paths.map((path) => like(meetings.agencyPath, `${path}%`))),
      ),
    )
    .orderBy(asc(tasks.dueAt))
    .limit(1000);
  return rows.map((r) => ({ ...presentTask(r.t, now), meetingTitle: r.title }));
}

/**
 * What the secretariat starts a new meeting from: the agencies it organises for, the kinds, the kind's
 * template and the standing participants — those of the agency's latest meeting of that kind (else of
 * any kind), chair, members, secretary and invitees (substitutes are per meeting).
 */
export async function meetingDraft(
  db: DbOrTx,
  p: Principal,
  query: { kindCode?: string | undefined; agencyId?: string | undefined },
) {
  const managed = [
    ...new Set(p.memberships.filter((m) => m.permissions.includes(MANAGE)).map((m) => m.agencyId)),
  ];
  if (!managed.length) throw new AppError('forbidden');
  const agencies = (await Promise.all(managed.map((id) => getAgency(db, id)))).filter((a) => !!a);
  const agency = query.agencyId ? agencies.find((a) => a.id === query.agencyId) : agencies[0];
  if (!agency) throw new AppError('validation', {}, [{ field: 'query.agencyId', key: 'field.not_found' }]);
  const kinds = await db
    .select()
    .from(meetingKinds)
    .orderBy(asc(meetingKinds.createdAt), asc(meetingKinds.code));
  const kind = query.kindCode ? kinds.find((k) => k.code === query.kindCode) : kinds[0];
  if (!kind) throw new AppError('validation', {}, [{ field: 'query.kindCode', key: 'field.not_found' }]);
  const template = kind.template ??
    DEFAULT_KINDS.find((k) => k.code === kind.code)?.template ?? {
      title: kind.name,
      mode: 'in_person' as const,
      startTime: '08:00',
      durationMinutes: 120,
      repeat: null,
      items: [],
    };
  const latest = async (sameKind: boolean) =>
    (
      await db
        .select({ id: meetings.id, title: meetings.title })
        .from(meetings)
        .where(
          and(
            eq(meetings.agencyId, agency.id),
            ...(sameKind ? [eq(meetings.kindId, kind.id)] : []),
            or(eq(meetings.state, 'draft'), eq(meetings.state, 'invited'), eq(meetings.state, 'ended')),
          ),
        )
        .orderBy(desc(meetings.startsAt))
        .limit(1)
    )[0];
  const from = (await latest(true)) ?? (await latest(false));
  const people = from
    ? await db
        .select()
        .from(participants)
        .where(
          and(
            eq(participants.meetingId, from.id),
            inArray(participants.role, ['chair', 'member', 'secretary', 'invitee']),
          ),
        )
        .orderBy(asc(participants.name))
    : [];
  const order = { chair: 0, member: 1, secretary: 2, invitee: 3, substitute: 4 } as const;
  return {
    agencies: agencies.map((a) => ({ id: a.id, name: a.name })),
    agencyId: agency.id,
    kinds: kinds.map((k) => ({ code: k.code, name: k.name, nameEn: k.nameEn })),
    kindCode: kind.code,
    template,
    from: from ?? null,
    participants: people
      .sort((a, b) => order[a.role] - order[b.role])
      .map((x) => ({ userId: x.userId, name: x.name, title: x.title, role: x.role })),
  };
}

/**
 * Questions and opinions sent in advance, per content: all of them for the chair and the secretariat;
 * a content's for the officials of its presenting agency (or above it) among the participants; to
 * anyone else only their own.
 */
export async function meetingQuestions(db: DbOrTx, p: Principal, id: string) {
  const { m, people } = await loadForRead(db, p, id);
  const all = isSecretariat(p, m) || isChair(p, people);
  const me = participantOf(p, people);
  const agenda = await db.select().from(items).where(eq(items.meetingId, id)).orderBy(asc(items.position));
  const rows = await db
    .select({ q: advanceQuestions, name: participants.name })
    .from(advanceQuestions)
    .innerJoin(participants, eq(participants.id, advanceQuestions.participantId))
    .where(eq(advanceQuestions.meetingId, id))
    .orderBy(asc(advanceQuestions.createdAt));
  const out = [];
  for (const item of agenda) {
    const presenting = item.presentingAgencyId ? await getAgency(db, item.presentingAgencyId) : undefined;
    const presenter =
      !!presenting && !!me && p.memberships.some((x) => presenting.path.startsWith(x.agencyPath));
    const mine = (r: (typeof rows)[number]) => r.q.participantId === me?.id;
    out.push({
      itemId: item.id,
      position: item.position,
      title: item.title,
      presentingUnit: item.presentingUnit,
      questions: rows
        .filter((r) => r.q.itemId === item.id && (all || presenter || mine(r)))
        .map((r) => ({
          id: r.q.id,
          kind: r.q.kind,
          text: r.q.text,
          author: r.name,
          mine: mine(r),
          at: r.q.createdAt.toISOString(),
        })),
    });
  }
  return { items: out };
}

/**
 * The written rounds of a meeting: questions, deadline, how many answered; the viewer's own answers;
 * each question's result only once the round is closed (answers stay hidden until then).
 */
export async function meetingRounds(db: DbOrTx, p: Principal, id: string) {
  const { people } = await loadForRead(db, p, id);
  const me = participantOf(p, people);
  const list = await db.select().from(rounds).where(eq(rounds.meetingId, id)).orderBy(asc(rounds.openedAt));
  const out = [];
  for (const r of list) {
    const [questions, electors] = await Promise.all([
      db
        .select()
        .from(roundQuestions)
        .where(eq(roundQuestions.roundId, r.id))
        .orderBy(asc(roundQuestions.position)),
      db.select().from(roundElectors).where(eq(roundElectors.roundId, r.id)),
    ]);
    const mine = me ? electors.find((e) => e.participantId === me.id) : undefined;
    const myAnswers =
      mine?.answeredAt && questions.length
        ? await db
            .select()
            .from(roundAnswers)
            .where(
              and(
                eq(roundAnswers.participantId, me!.id),
                inArray(
                  roundAnswers.questionId,
                  questions.map((q) => q.id),
                ),
              ),
            )
        : [];
    out.push({
      id: r.id,
      title: r.title,
      state: r.state,
      deadline: r.deadline.toISOString(),
      closedAt: r.closedAt?.toISOString() ?? null,
      electorate: electors.length,
      answered: electors.filter((e) => e.answeredAt).length,
      consentItemIds: r.state === 'closed' ? r.consentItemIds : [],
      mine: { elector: !!mine, answered: !!mine?.answeredAt },
      questions: questions.map((q) => ({
        id: q.id,
        position: q.position,
        itemId: q.itemId,
        question: q.question,
        options: q.options,
        myChoice: myAnswers.find((a) => a.questionId === q.id)?.choice ?? null,
        result: r.state === 'closed' ? q.result : null,
      })),
    });
  }
  return { items: out };
}
