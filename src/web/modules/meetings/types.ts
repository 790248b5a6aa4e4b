// Shapes the meetings API answers with (see src/server/modules/meetings/presenters.ts).
export interface MeetingSummary {
  id: string;
  title: string;
  kindName: string;
  state: string;
  startsAt: string;
  leadTooShort: boolean;
  leadWorkingDays: number | null;
  urgent: boolean;
  currentItemId: string | null;
}
export interface TaskView {
  id: string;
  title: string;
  responsibleName: string;
  dueAt: string;
  state: string;
  overdue: boolean;
}
export interface ItemView {
  id: string;
  position: number;
  title: string;
  presentingUnit: string;
  plannedMinutes: number;
  state: string;
  openedAt: string | null;
  usedSeconds: number;
}
export interface PollView {
  id: string;
  question: string;
  secret: boolean;
  state: string;
  result: { agree: number; disagree: number; abstain: number; notVoting: number; adopted: boolean } | null;
  mine: { elector: boolean; voted: boolean };
}
export interface MeetingView {
  meeting: MeetingSummary;
  me: { id: string; role: string; reply: string; present: boolean } | null;
  can: { manage: boolean; chair: boolean };
  quorum: { members: number; present: number; quorate: boolean; shortfall: number };
  participants: { id: string; name: string; role: string; reply: string; present: boolean }[];
  items: ItemView[];
  speeches: { id: string; participantId: string; kind: string; state: string }[];
  polls: PollView[];
}

/** A UTC instant shown in Vietnam time. */
export const localTime = (iso: string) =>
  new Date(iso).toLocaleString('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    dateStyle: 'short',
    timeStyle: 'short',
  });

export interface DocumentView {
  id: string;
  itemId: string;
  title: string;
  version: number;
  latest: boolean;
  classified: boolean;
  pageCount: number;
  paperCopies: number;
  approved: boolean;
  readable: boolean;
}

export interface NoteView {
  id: string;
  page: number;
  kind: 'highlight' | 'text';
  text: string | null;
}
/** What the secretariat starts a new meeting from (GET /api/meetings/draft). */
export interface MeetingDraft {
  agencies: { id: string; name: string }[];
  agencyId: string;
  kinds: { code: string; name: string; nameEn: string }[];
  kindCode: string;
  template: {
    title: string;
    mode: 'in_person' | 'online' | 'hybrid';
    place?: string;
    startTime: string;
    durationMinutes: number;
    repeat: 'weekly' | 'monthly_date' | 'monthly_weekday' | null;
    items: {
      title: string;
      presentingUnit: string;
      plannedMinutes: number;
      expectedOutcome: 'decision' | 'opinion' | 'information';
    }[];
  };
  from: { id: string; title: string } | null;
  participants: {
    userId: string;
    name: string;
    title: string | null;
    role: 'chair' | 'member' | 'invitee' | 'secretary';
  }[];
}
/** Questions and opinions sent in advance, per content (GET /api/meetings/:id/questions). */
export interface QuestionsView {
  items: {
    itemId: string;
    position: number;
    title: string;
    presentingUnit: string;
    questions: { id: string; kind: 'question' | 'opinion'; text: string; author: string; mine: boolean }[];
  }[];
}
/** A written opinion round (GET /api/meetings/:id/rounds): results only once closed. */
export interface RoundView {
  id: string;
  title: string;
  state: 'open' | 'closed';
  deadline: string;
  electorate: number;
  answered: number;
  consentItemIds: string[];
  mine: { elector: boolean; answered: boolean };
  questions: {
    id: string;
    position: number;
    itemId: string | null;
    question: string;
    options: ('agree' | 'disagree' | 'abstain')[];
    myChoice: string | null;
    result: { agree: number; disagree: number; abstain: number; adopted: boolean } | null;
  }[];
}
/** The report of the two targets (GET /api/meetings/report). */
export interface MeetingsReport {
  kinds: {
    kind: string;
    kindName: string;
    meetings: number;
    meanNetMinutes: number | null;
    baselineMeetings: number;
    baselineMeanMinutes: number | null;
    baselineSources: string[];
    reductionPercent: number | null;
    reductionLowPercent: number | null;
    reductionHighPercent: number | null;
    minutesPerItem: number | null;
    memberHours: number;
    itemsWithinBudgetPercent: number | null;
    itemsSettledBeforehand: number;
    leadCompliantPercent: number | null;
    conclusionCompliantPercent: number | null;
    electronicSharePercent: number | null;
    paperPages: number;
    baselinePaperPages: number;
    pagesAvoided: number;
    tasksOnTimePercent: number | null;
  }[];
  meetings: {
    id: string;
    title: string;
    date: string;
    netMinutes: number;
    itemsDiscussed: number;
    itemsWithinBudget: number;
    itemsSettledBeforehand: number;
    paperPages: number;
  }[];
}
