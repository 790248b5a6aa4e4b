// Thin handlers: parse → command or query → present. Access: officials (the commands authorize per meeting).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as C from '../../../contracts/meetings.ts';
import type { Deps } from '../../platform/module.ts';
import { AppError } from '../../platform/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { getAgency } from '../identity/index.ts';
import { addDocument } from './commands/add-document.ts';
import { addItem } from './commands/add-item.ts';
import { answerRound } from './commands/answer-round.ts';
import { askInAdvance } from './commands/ask-in-advance.ts';
import { closeRound } from './commands/close-round.ts';
import { importBaseline } from './commands/import-baseline.ts';
import { openRound } from './commands/open-round.ts';
import { approveDocument } from './commands/approve-document.ts';
import { callSpeaker } from './commands/call-speaker.ts';
import { cancelMeeting } from './commands/cancel-meeting.ts';
import { castBallot } from './commands/cast-ballot.ts';
import { checkIn } from './commands/check-in.ts';
import { closeItem } from './commands/close-item.ts';
import { closePoll } from './commands/close-poll.ts';
import { completeTask } from './commands/complete-task.ts';
import { createMeeting } from './commands/create-meeting.ts';
import { draftMeetingMinutes } from './commands/draft-minutes.ts';
import { editMinutes } from './commands/edit-minutes.ts';
import { reportTaskProgress } from './commands/report-task-progress.ts';
import { signMinutes } from './commands/sign-minutes.ts';
import { endMeeting } from './commands/end-meeting.ts';
import { endSpeech } from './commands/end-speech.ts';
import { issueNotice } from './commands/issue-notice.ts';
import { openItem } from './commands/open-item.ts';
import { openPoll } from './commands/open-poll.ts';
import { pauseMeeting } from './commands/pause-meeting.ts';
import { recordConclusion } from './commands/record-conclusion.ts';
import { reorderItems } from './commands/reorder-items.ts';
import { replyInvitation } from './commands/reply-invitation.ts';
import { requestSpeech } from './commands/request-speech.ts';
import { sendInvitations } from './commands/send-invitations.ts';
import { setItemAside } from './commands/set-item-aside.ts';
import { startMeeting } from './commands/start-meeting.ts';
import { updateMeeting } from './commands/update-meeting.ts';
import { addNote, changeNote, myNotes } from './commands/write-note.ts';
import { renderNotice } from './notice.ts';
import { meetingsReport, reportCsv } from './report.ts';
import {
  agencyTasks,
  documentFile,
  listMeetings,
  meetingDraft,
  meetingDocuments,
  meetingLedgerFigures,
  meetingMinutes,
  meetingQuestions,
  meetingRounds,
  meetingView,
  noticeContent,
  overdueTasks,
} from './queries.ts';
import { meetingKinds } from './tables.ts';

const tags = ['Họp không giấy (meetings)'];
const Id = z.object({ id: z.uuid() });
const IdItem = z.object({ id: z.uuid(), itemId: z.uuid() });
const IdPoll = z.object({ id: z.uuid(), pollId: z.uuid() });
const IdSpeech = z.object({ id: z.uuid(), speechId: z.uuid() });
const IdDoc = z.object({ id: z.uuid(), docId: z.uuid() });
const IdNote = z.object({ id: z.uuid(), noteId: z.uuid() });
const IdRound = z.object({ id: z.uuid(), roundId: z.uuid() });
const official = { access: { kind: 'official' as const } };
const Ok = z.object({ ok: z.literal(true) });

export async function meetingsRoutes(root: FastifyInstance, deps: Deps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const ok = { ok: true as const };
  const settings = { publicUrl: deps.config.publicUrl };

  app.get(
    '/api/meetings/kinds',
    { config: official, schema: { tags, summary: 'Loại cuộc họp và quy tắc (túc số, biểu quyết)' } },
    async () => ({
      items: (await db.select().from(meetingKinds)).map((k) => ({
        code: k.code,
        name: k.name,
        nameEn: k.nameEn,
        rules: k.rules,
      })),
    }),
  );
  app.get(
    '/api/meetings',
    { config: official, schema: { tags, summary: 'Cuộc họp tôi tổ chức hoặc tham dự' } },
    async (req) => ({ items: await listMeetings(db, req.principal!) }),
  );
  app.post(
    '/api/meetings',
    {
      config: official,
      schema: { tags, summary: 'Tạo cuộc họp theo loại (thư ký)', body: C.CreateMeetingBody },
    },
    async (req) => createMeeting(db, req.ctx(), req.body),
  );
  app.get(
    '/api/meetings/draft',
    {
      config: official,
      schema: {
        tags,
        summary: 'Mẫu cuộc họp theo loại và thành phần thường trực (thư ký)',
        querystring: z.object({
          kindCode: z.string().min(2).max(60).optional(),
          agencyId: z.uuid().optional(),
        }),
      },
    },
    async (req) => meetingDraft(db, req.principal!, req.query),
  );
  app.get(
    '/api/meetings/report',
    {
      config: official,
      schema: {
        tags,
        summary: 'Báo cáo thời gian và giấy theo cuộc họp, loại, kỳ, so với số liệu gốc (thư ký)',
        querystring: C.ReportQuery,
      },
    },
    async (req) => meetingsReport(db, req.principal!, req.query),
  );
  app.get(
    '/api/meetings/report.csv',
    {
      config: official,
      schema: { tags, summary: 'Báo cáo theo từng cuộc họp (CSV)', querystring: C.ReportQuery },
    },
    async (req, reply) => {
      const csv = reportCsv(await meetingsReport(db, req.principal!, req.query));
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="bao-cao-hop-khong-giay.csv"')
        .send(csv);
    },
  );
  app.post(
    '/api/meetings/baseline',
    {
      config: official,
      schema: {
        tags,
        summary: 'Nhập số liệu gốc các cuộc họp trước đây (CSV, thư ký)',
        body: C.BaselineImportBody,
      },
    },
    async (req) => importBaseline(db, req.ctx(), req.body),
  );
  app.get(
    '/api/meetings/tasks',
    { config: official, schema: { tags, summary: 'Nhiệm vụ sau họp giao cho cơ quan tôi' } },
    async (req) => ({ items: await agencyTasks(db, req.principal!) }),
  );
  app.get(
    '/api/meetings/tasks/overdue',
    { config: official, schema: { tags, summary: 'Nhiệm vụ quá hạn từ các cuộc họp tôi tổ chức (thư ký)' } },
    async (req) => ({ items: await overdueTasks(db, req.principal!) }),
  );
  app.post(
    '/api/meetings/tasks/:id/progress',
    {
      config: official,
      schema: { tags, summary: 'Báo cáo tiến độ nhiệm vụ', params: Id, body: C.TaskProgressBody },
    },
    async (req) => reportTaskProgress(db, req.ctx(), req.params.id, req.body),
  );
  app.get(
    '/api/meetings/:id/minutes',
    { config: official, schema: { tags, summary: 'Biên bản cuộc họp', params: Id } },
    async (req) => meetingMinutes(db, req.principal!, req.params.id),
  );
  app.post(
    '/api/meetings/:id/minutes',
    {
      config: official,
      schema: {
        tags,
        summary: 'Soạn biên bản từ dữ liệu cuộc họp (thư ký)',
        params: Id,
        body: C.DraftMinutesBody,
      },
    },
    async (req) => draftMeetingMinutes(db, req.ctx(), req.params.id, req.body.redraft),
  );
  app.put(
    '/api/meetings/:id/minutes',
    {
      config: official,
      schema: { tags, summary: 'Sửa biên bản (thư ký)', params: Id, body: C.EditMinutesBody },
    },
    async (req) => editMinutes(db, req.ctx(), req.params.id, req.body),
  );
  app.post(
    '/api/meetings/:id/minutes/sign',
    {
      config: official,
      schema: {
        tags,
        summary: 'Chủ trì ký xác nhận biên bản (không sửa được nữa)',
        params: Id,
        body: C.SignMinutesBody,
      },
    },
    async (req) => signMinutes(db, req.ctx(), req.params.id, req.body.version),
  );
  app.post(
    '/api/meetings/tasks/:id/complete',
    {
      config: official,
      schema: { tags, summary: 'Báo cáo hoàn thành nhiệm vụ', params: Id, body: C.CompleteTaskBody },
    },
    async (req) => completeTask(db, req.ctx(), req.params.id, req.body.evidence),
  );
  app.get(
    '/api/meetings/:id',
    {
      config: official,
      schema: {
        tags,
        summary: 'Cuộc họp: chương trình, thành phần, điểm danh, phát biểu, biểu quyết',
        params: Id,
      },
    },
    async (req) => meetingView(db, req.principal!, req.params.id),
  );
  app.get(
    '/api/meetings/:id/figures',
    { config: official, schema: { tags, summary: 'Số liệu đo đếm của cuộc họp (thư ký)', params: Id } },
    async (req) => meetingLedgerFigures(db, req.principal!, req.params.id),
  );
  app.get(
    '/api/meetings/:id/questions',
    {
      config: official,
      schema: {
        tags,
        summary: 'Câu hỏi, ý kiến gửi trước theo nội dung (chủ trì, cơ quan trình)',
        params: Id,
      },
    },
    async (req) => meetingQuestions(db, req.principal!, req.params.id),
  );
  app.post(
    '/api/meetings/:id/items/:itemId/questions',
    {
      config: official,
      schema: {
        tags,
        summary: 'Gửi câu hỏi hoặc ý kiến trước cuộc họp về một nội dung',
        params: IdItem,
        body: C.AdvanceQuestionBody,
      },
    },
    async (req) => askInAdvance(db, req.ctx(), req.params.id, req.params.itemId, req.body),
  );
  app.get(
    '/api/meetings/:id/rounds',
    {
      config: official,
      schema: { tags, summary: 'Phiếu lấy ý kiến bằng văn bản (kết quả khi đã kết thúc)', params: Id },
    },
    async (req) => meetingRounds(db, req.principal!, req.params.id),
  );
  app.post(
    '/api/meetings/:id/rounds',
    {
      config: official,
      schema: { tags, summary: 'Mở phiếu lấy ý kiến (chủ trì, thư ký)', params: Id, body: C.OpenRoundBody },
    },
    async (req) => openRound(db, req.ctx(), req.params.id, req.body),
  );
  app.post(
    '/api/meetings/:id/rounds/:roundId/answers',
    {
      config: official,
      schema: { tags, summary: 'Trả lời phiếu lấy ý kiến', params: IdRound, body: C.RoundAnswerBody },
    },
    async (req) => answerRound(db, req.ctx(), req.params.id, req.params.roundId, req.body),
  );
  app.post(
    '/api/meetings/:id/rounds/:roundId/close',
    {
      config: official,
      schema: { tags, summary: 'Kết thúc phiếu lấy ý kiến và kiểm phiếu (chủ trì, thư ký)', params: IdRound },
    },
    async (req) => closeRound(db, req.ctx(), req.params.id, req.params.roundId),
  );
  app.post(
    '/api/meetings/:id/consent-block',
    {
      config: official,
      schema: {
        tags,
        summary: 'Biểu quyết thông qua chung các nội dung được đồng thuận qua phiếu lấy ý kiến (chủ trì)',
        params: Id,
        body: C.ConsentBlockBody,
      },
    },
    async (req) =>
      openPoll(db, req.ctx(), req.params.id, {
        question: t(req.ctx().lang, 'meetings:consent_question'),
        secret: false,
        consentFrom: req.body.roundId,
      }),
  );
  app.post(
    '/api/meetings/:id/items',
    {
      config: official,
      schema: { tags, summary: 'Thêm nội dung vào chương trình', params: Id, body: C.ItemInput },
    },
    async (req) => addItem(db, req.ctx(), req.params.id, req.body),
  );
  app.post(
    '/api/meetings/:id/items/order',
    {
      config: official,
      schema: { tags, summary: 'Sắp xếp lại chương trình', params: Id, body: C.ReorderBody },
    },
    async (req) => {
      await reorderItems(db, req.ctx(), req.params.id, req.body.itemIds);
      return ok;
    },
  );
  for (const action of ['defer', 'withdraw'] as const)
    app.post(
      `/api/meetings/:id/items/:itemId/${action}`,
      {
        config: official,
        schema: {
          tags,
          summary: action === 'defer' ? 'Lùi nội dung sang phiên sau' : 'Rút nội dung khỏi chương trình',
          params: IdItem,
          response: { 200: Ok },
        },
      },
      async (req) => {
        await setItemAside(db, req.ctx(), req.params.id, req.params.itemId, action);
        return ok;
      },
    );
  app.get(
    '/api/meetings/:id/documents',
    {
      config: official,
      schema: {
        tags,
        summary: 'Tài liệu họp (thành viên: bản mới nhất đã được duyệt; tài liệu mật: chỉ thông tin)',
        params: Id,
      },
    },
    async (req) => ({ items: await meetingDocuments(db, req.principal!, req.params.id) }),
  );
  app.post(
    '/api/meetings/:id/items/:itemId/documents',
    {
      config: official,
      schema: {
        tags,
        summary:
          'Thêm tài liệu PDF (đếm số trang) hoặc tài liệu mật (chỉ thông tin, bản giấy); cùng tên là phiên bản mới',
        params: IdItem,
        body: C.DocumentBody,
      },
    },
    async (req) => addDocument(db, deps.blobs, req.ctx(), req.params.id, req.params.itemId, req.body),
  );
  app.post(
    '/api/meetings/:id/documents/:docId/approve',
    {
      config: official,
      schema: { tags, summary: 'Lãnh đạo duyệt tài liệu, phát hành cho thành viên', params: IdDoc },
    },
    async (req) => approveDocument(db, req.ctx(), req.params.id, req.params.docId),
  );
  app.get(
    '/api/meetings/:id/documents/:docId/file',
    { config: official, schema: { tags, summary: 'Đọc tài liệu (PDF)', params: IdDoc } },
    async (req, reply) => {
      const { file } = await documentFile(db, req.principal!, req.params.id, req.params.docId);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-length', String(file.size))
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `inline; filename="tai-lieu-${req.params.docId.slice(0, 8)}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(await deps.blobs.open(file.sha256));
    },
  );
  app.get(
    '/api/meetings/:id/documents/:docId/notes',
    { config: official, schema: { tags, summary: 'Ghi chú riêng của tôi trên tài liệu', params: IdDoc } },
    async (req) => ({ items: await myNotes(db, req.ctx(), req.params.id, req.params.docId) }),
  );
  app.post(
    '/api/meetings/:id/documents/:docId/notes',
    {
      config: official,
      schema: {
        tags,
        summary: 'Thêm ghi chú riêng (tô sáng hoặc chữ) trên một trang',
        params: IdDoc,
        body: C.NoteBody,
      },
    },
    async (req) => addNote(db, req.ctx(), req.params.id, req.params.docId, req.body),
  );
  app.patch(
    '/api/meetings/:id/notes/:noteId',
    {
      config: official,
      schema: {
        tags,
        summary: 'Sửa ghi chú riêng của tôi',
        params: IdNote,
        body: C.NoteUpdateBody,
        response: { 200: Ok },
      },
    },
    async (req) => changeNote(db, req.ctx(), req.params.id, req.params.noteId, { text: req.body.text }),
  );
  app.delete(
    '/api/meetings/:id/notes/:noteId',
    {
      config: official,
      schema: { tags, summary: 'Xóa ghi chú riêng của tôi', params: IdNote, response: { 200: Ok } },
    },
    async (req) => changeNote(db, req.ctx(), req.params.id, req.params.noteId, 'delete'),
  );
  app.post(
    '/api/meetings/:id/invitations',
    {
      config: official,
      schema: { tags, summary: 'Gửi giấy mời (thời gian gửi trước tính theo ngày làm việc)', params: Id },
    },
    async (req) => sendInvitations(db, req.ctx(), req.params.id, settings),
  );
  app.post(
    '/api/meetings/:id/update',
    {
      config: official,
      schema: {
        tags,
        summary: 'Đổi thời gian, địa điểm, hình thức (gửi cập nhật lịch .ics cho người được mời)',
        params: Id,
        body: C.UpdateMeetingBody,
      },
    },
    async (req) => updateMeeting(db, req.ctx(), req.params.id, req.body, settings),
  );
  app.post(
    '/api/meetings/:id/cancel',
    {
      config: official,
      schema: {
        tags,
        summary: 'Hủy cuộc họp (gửi thông báo hủy lịch .ics)',
        params: Id,
        body: C.CancelMeetingBody,
      },
    },
    async (req) => cancelMeeting(db, req.ctx(), req.params.id, req.body.reason, settings),
  );
  app.post(
    '/api/meetings/:id/reply',
    {
      config: official,
      schema: {
        tags,
        summary: 'Trả lời giấy mời: dự họp, vắng, cử người dự thay',
        params: Id,
        body: C.ReplyBody,
      },
    },
    async (req) => replyInvitation(db, req.ctx(), req.params.id, req.body, settings),
  );
  app.post(
    '/api/meetings/:id/check-in',
    {
      config: official,
      schema: {
        tags,
        summary: 'Điểm danh (tự điểm danh hoặc thư ký điểm danh)',
        params: Id,
        body: C.CheckInBody,
      },
    },
    async (req) => checkIn(db, req.ctx(), req.params.id, req.body),
  );
  app.post(
    '/api/meetings/:id/check-out',
    { config: official, schema: { tags, summary: 'Rời cuộc họp', params: Id, body: C.CheckInBody } },
    async (req) => checkIn(db, req.ctx(), req.params.id, { ...req.body, out: true }),
  );
  app.post(
    '/api/meetings/:id/start',
    { config: official, schema: { tags, summary: 'Khai mạc cuộc họp', params: Id, response: { 200: Ok } } },
    async (req) => {
      await startMeeting(db, req.ctx(), req.params.id);
      return ok;
    },
  );
  for (const action of ['pause', 'resume'] as const)
    app.post(
      `/api/meetings/:id/${action}`,
      {
        config: official,
        schema: {
          tags,
          summary: action === 'pause' ? 'Tạm dừng' : 'Tiếp tục',
          params: Id,
          response: { 200: Ok },
        },
      },
      async (req) => {
        await pauseMeeting(db, req.ctx(), req.params.id, action);
        return ok;
      },
    );
  app.post(
    '/api/meetings/:id/end',
    { config: official, schema: { tags, summary: 'Bế mạc cuộc họp', params: Id, response: { 200: Ok } } },
    async (req) => {
      await endMeeting(db, req.ctx(), req.params.id);
      return ok;
    },
  );
  app.post(
    '/api/meetings/:id/items/:itemId/open',
    {
      config: official,
      schema: { tags, summary: 'Mở nội dung (bấm giờ theo thời lượng dự kiến)', params: IdItem },
    },
    async (req) => openItem(db, req.ctx(), req.params.id, req.params.itemId),
  );
  app.post(
    '/api/meetings/:id/items/:itemId/close',
    {
      config: official,
      schema: { tags, summary: 'Kết thúc nội dung', params: IdItem, body: C.CloseItemBody },
    },
    async (req) => closeItem(db, req.ctx(), req.params.id, req.params.itemId, req.body.outcome),
  );
  app.post(
    '/api/meetings/:id/speeches',
    {
      config: official,
      schema: {
        tags,
        summary: 'Đăng ký phát biểu về nội dung đang thảo luận',
        params: Id,
        body: C.SpeakBody,
      },
    },
    async (req) => requestSpeech(db, req.ctx(), req.params.id, req.body.kind),
  );
  app.post(
    '/api/meetings/:id/speeches/next',
    {
      config: official,
      schema: {
        tags,
        summary: 'Mời người phát biểu tiếp theo',
        params: Id,
        body: z.strictObject({ speechId: z.uuid().optional() }),
      },
    },
    async (req) => callSpeaker(db, req.ctx(), req.params.id, req.body.speechId),
  );
  app.post(
    '/api/meetings/:id/speeches/:speechId/end',
    {
      config: official,
      schema: {
        tags,
        summary: 'Kết thúc hoặc rút đăng ký phát biểu',
        params: IdSpeech,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await endSpeech(db, req.ctx(), req.params.id, req.params.speechId);
      return ok;
    },
  );
  app.post(
    '/api/meetings/:id/polls',
    {
      config: official,
      schema: {
        tags,
        summary: 'Mở biểu quyết (chốt danh sách người biểu quyết)',
        params: Id,
        body: C.OpenPollBody,
      },
    },
    async (req) => openPoll(db, req.ctx(), req.params.id, req.body),
  );
  app.post(
    '/api/meetings/:id/polls/:pollId/ballot',
    {
      config: official,
      schema: {
        tags,
        summary: 'Biểu quyết: đồng ý / không đồng ý / không biểu quyết',
        params: IdPoll,
        body: C.BallotBody,
      },
    },
    async (req) => {
      await castBallot(db, req.ctx(), req.params.pollId, req.body.choice);
      return ok;
    },
  );
  app.post(
    '/api/meetings/:id/polls/:pollId/close',
    { config: official, schema: { tags, summary: 'Kết thúc biểu quyết và công bố kết quả', params: IdPoll } },
    async (req) => closePoll(db, req.ctx(), req.params.id, req.params.pollId),
  );
  app.post(
    '/api/meetings/:id/items/:itemId/conclusion',
    {
      config: official,
      schema: { tags, summary: 'Kết luận nội dung và giao nhiệm vụ', params: IdItem, body: C.ConclusionBody },
    },
    async (req) => recordConclusion(db, req.ctx(), req.params.id, req.params.itemId, req.body),
  );
  app.post(
    '/api/meetings/:id/notice',
    {
      config: official,
      schema: {
        tags,
        summary: 'Ban hành thông báo kết luận',
        params: Id,
        body: z.strictObject({ number: z.string().max(60).optional() }),
      },
    },
    async (req) => issueNotice(db, req.ctx(), req.params.id, req.body.number),
  );
  app.get(
    '/api/meetings/:id/notice.pdf',
    {
      config: official,
      schema: { tags, summary: 'Thông báo kết luận (PDF, thể thức Nghị định 30/2020)', params: Id },
    },
    async (req, reply) => {
      const content = await noticeContent(db, req.principal!, req.params.id);
      const agency = await getAgency(db, content.meeting.agencyId);
      if (!agency) throw new AppError('not_found');
      const pdf = await renderNotice(content, agency);
      return reply
        .header('content-type', 'application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="thong-bao-ket-luan-${req.params.id.slice(0, 8)}.pdf"`,
        )
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );
}
