// Meeting documents and private notes (issue 12, item 2) through the HTTP API on a real database:
// PDFs with their page count read at upload, Office files refused with what to do, versions with the
// latest marked, a leader's approval before members see them, classified documents by metadata only;
// and notes that nobody but their author reads: not another member, the secretary, an administrator
// or an API client, and not through the audit log or the event outbox either.
import { sql } from 'drizzle-orm';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, freshIp } from '../helpers/agents.ts';
import { fileUpload } from '../helpers/multipart.ts';
import type { Agent, TestPlatform } from '../platform.ts';
import { type MeetingsBed, meetingsBed } from './fixture.ts';

let t: TestPlatform;
let as: Record<string, Agent>;
let ids: Record<string, string>;
const ACCOUNTS = {
  secretary: 'thuky.ubnd@cqs.demo',
  chair: 'lanhdao.ubnd@cqs.demo',
  m1: 'lanhdao.xaydung@cqs.demo',
  m2: 'lanhdao.taichinh@cqs.demo',
  outsider: 'lanhdao.congthuong@cqs.demo',
  admin: 'admin@cqs.demo',
} as const;
type Who = keyof typeof ACCOUNTS;
let rows: MeetingsBed<Who>['rows'];
const SECRET_NOTE = 'Hỏi lại Sở Xây dựng về chỉ tiêu đất ở trang này — ghi chú riêng ZQXW';

function pdfOf(pages: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A4', autoFirstPage: false });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    for (let i = 0; i < pages; i++) doc.addPage().text(`Trang ${i + 1}`);
    doc.end();
  });
}

/** A zip whose first entry names word/: what the platform's sniffing takes for a .docx. */
const docx = Buffer.concat([
  Buffer.from([0x50, 0x4b, 0x03, 0x04]),
  Buffer.from('\u0000'.repeat(26), 'latin1'),
  Buffer.from('word/document.xml<w:document/>', 'latin1'),
]);

async function upload(who: Who, name: string, data: Buffer): Promise<string> {
  const { body, contentType } = fileUpload(name, data);
  const res = await as[who]!.post('/api/files', body, { 'content-type': contentType });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id as string;
}

let meetingId = '';
let itemId = '';
beforeAll(async () => {
  ({ t, as, ids, rows } = await meetingsBed(ACCOUNTS));
  const starts = Date.now() + 8 * 86_400_000;
  const res = await as.secretary!.post('/api/meetings', {
    kindCode: 'pc_regular',
    agencyId: ids.root,
    title: 'Phiên họp kiểm thử tài liệu',
    mode: 'in_person',
    startsAt: new Date(starts).toISOString(),
    plannedEndAt: new Date(starts + 3 * 3600_000).toISOString(),
    participants: [
      { userId: ids.chair, role: 'chair' },
      { userId: ids.m1, role: 'member' },
      { userId: ids.m2, role: 'member' },
      { userId: ids.secretary, role: 'secretary' },
    ],
    items: [
      {
        title: 'Tờ trình quy hoạch phân khu',
        presentingUnit: 'Sở Xây dựng',
        plannedMinutes: 30,
        expectedOutcome: 'decision',
      },
    ],
  });
  expect(res.statusCode, res.body).toBe(200);
  meetingId = res.json().id;
  itemId = (await as.secretary!.get(`/api/meetings/${meetingId}`)).json().items[0].id;
}, 120_000);
afterAll(() => t?.close());

const docs = async (who: Who) => {
  const res = await as[who]!.get(`/api/meetings/${meetingId}/documents`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as {
    id: string;
    title: string;
    version: number;
    latest: boolean;
    pageCount: number;
    approved: boolean;
    classified: boolean;
    readable: boolean;
    paperCopies: number;
  }[];
};

let v2 = '';
describe('documents', () => {
  it('an Office file is refused with what to do, and nothing is recorded', async () => {
    const fileId = await upload('secretary', 'To trinh.docx', docx);
    const e = expectError(
      await as.secretary!.post(`/api/meetings/${meetingId}/items/${itemId}/documents`, {
        title: 'Tờ trình số 12',
        fileId,
      }),
      415,
      'meeting_document_not_pdf',
    );
    expect(e.message).toContain('To trinh.docx');
    expect(e.message).toContain('PDF');
    expect(await rows(sql`select id from mtg_documents where meeting_id = ${meetingId}`)).toEqual([]);
    const [file] = await rows<{ resource_id: string | null }>(
      sql`select resource_id from files where id = ${fileId}`,
    );
    expect(file!.resource_id).toBeNull();
  });

  it('a PDF has its pages counted at upload; the same title again is version 2, the latest', async () => {
    expectError(
      await as.m1!.post(`/api/meetings/${meetingId}/items/${itemId}/documents`, {
        title: 'Tờ trình số 12',
        fileId: await upload('m1', 'x.pdf', await pdfOf(1)),
      }),
      403,
      'forbidden',
    );
    const first = await as.secretary!.post(`/api/meetings/${meetingId}/items/${itemId}/documents`, {
      title: 'Tờ trình số 12',
      fileId: await upload('secretary', 'to-trinh.pdf', await pdfOf(4)),
    });
    expect(first.json()).toMatchObject({ version: 1, pageCount: 4, classified: false });
    const second = await as.secretary!.post(`/api/meetings/${meetingId}/items/${itemId}/documents`, {
      title: 'Tờ trình số 12',
      fileId: await upload('secretary', 'to-trinh-v2.pdf', await pdfOf(6)),
    });
    expect(second.json()).toMatchObject({ version: 2, pageCount: 6 });
    v2 = second.json().id;
    const list = await docs('secretary');
    expect(list.map((d) => [d.version, d.latest, d.pageCount, d.approved])).toEqual([
      [2, true, 6, false],
      [1, false, 4, false],
    ]);
  });

  it('a classified document is listed by metadata only, its copies a paper exception', async () => {
    const res = await as.secretary!.post(`/api/meetings/${meetingId}/items/${itemId}/documents`, {
      classified: true,
      title: 'Báo cáo mật về quốc phòng',
      pageCount: 9,
      paperCopies: 5,
    });
    expect(res.statusCode, res.body).toBe(200);
    const [paper] = await rows<{ data: { pages: number; copies: number; reason: string } }>(
      sql`select data from mtg_ledger where meeting_id = ${meetingId} and kind = 'paper.exception'`,
    );
    expect(paper!.data).toMatchObject({ pages: 9, copies: 5, reason: 'classified' });
    const classified = (await docs('secretary')).find((d) => d.classified)!;
    expect(classified).toMatchObject({ readable: false, pageCount: 9, paperCopies: 5 });
    expect(classified).not.toHaveProperty('fileId');
    expectError(
      await as.secretary!.get(`/api/meetings/${meetingId}/documents/${classified.id}/file`),
      404,
      'not_found',
    );
  });

  it('members see nothing before a leader approves; the secretary may not approve; then the latest only', async () => {
    expect(await docs('m1')).toEqual([]);
    expectError(await as.m1!.get(`/api/meetings/${meetingId}/documents/${v2}/file`), 404, 'not_found');
    expectError(
      await as.secretary!.post(`/api/meetings/${meetingId}/documents/${v2}/approve`),
      403,
      'forbidden',
    );
    const v1 = (await docs('chair')).find((d) => d.title === 'Tờ trình số 12' && d.version === 1)!;
    expectError(
      await as.chair!.post(`/api/meetings/${meetingId}/documents/${v1.id}/approve`),
      409,
      'invalid_state',
    );
    expect((await as.chair!.post(`/api/meetings/${meetingId}/documents/${v2}/approve`)).statusCode).toBe(200);
    expectError(
      await as.chair!.post(`/api/meetings/${meetingId}/documents/${v2}/approve`),
      409,
      'invalid_state',
    );
    const seen = await docs('m1');
    expect(seen.map((d) => [d.title, d.version])).toEqual([['Tờ trình số 12', 2]]);
    const pdf = await as.m1!.get(`/api/meetings/${meetingId}/documents/${v2}/file`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expectError(await as.m1!.get(`/api/meetings/${meetingId}/documents/${v1.id}/file`), 404, 'not_found');
    expectError(await as.outsider!.get(`/api/meetings/${meetingId}/documents`), 404, 'not_found');
    // Not through the platform's file route either.
    const [f] = await rows<{ file_id: string }>(sql`select file_id from mtg_documents where id = ${v2}`);
    expectError(await as.m1!.get(`/api/files/${f!.file_id}`), 404, 'not_found');
    const [published] = await rows<{
      data: { pages: number; recipients: number; electronicRecipients: number };
    }>(sql`select data from mtg_ledger where meeting_id = ${meetingId} and kind = 'document.published'`);
    expect(published!.data).toMatchObject({ pages: 6, recipients: 3, electronicRecipients: 3 });
  });
});

describe('private notes', () => {
  let noteId = '';
  const notesUrl = () => `/api/meetings/${meetingId}/documents/${v2}/notes`;

  it('a member writes a highlight and a text note; bad input changes nothing', async () => {
    const bad = expectError(await as.m1!.post(notesUrl(), { page: 2, kind: 'text' }), 400, 'validation');
    expect(bad.fields?.[0]).toMatchObject({
      field: 'body.text',
      message: 'Ghi chú cần có nội dung (ghi chú chữ) hoặc vùng đánh dấu (tô sáng).',
    });
    const beyond = expectError(
      await as.m1!.post(notesUrl(), { page: 7, kind: 'text', text: 'x' }),
      400,
      'validation',
    );
    expect(beyond.fields?.[0]?.field).toBe('body.page');
    expect(await rows(sql`select id from mtg_notes`)).toEqual([]);
    const text = await as.m1!.post(notesUrl(), { page: 3, kind: 'text', text: SECRET_NOTE });
    expect(text.statusCode, text.body).toBe(200);
    noteId = text.json().id;
    const hl = await as.m1!.post(notesUrl(), {
      page: 3,
      kind: 'highlight',
      rect: { x: 0.1, y: 0.2, w: 0.5, h: 0.05 },
    });
    expect(hl.statusCode, hl.body).toBe(200);
    const mine = (await as.m1!.get(notesUrl())).json().items;
    expect(mine.map((n: { kind: string; text: string | null }) => [n.kind, n.text])).toEqual([
      ['text', SECRET_NOTE],
      ['highlight', null],
    ]);
  });

  it('another member, the chair, the secretary, an administrator and an API client get no note content', async () => {
    for (const who of ['m2', 'chair', 'secretary'] as const) {
      const res = await as[who]!.get(notesUrl());
      expect(res.statusCode, `${who}: ${res.body}`).toBe(200);
      expect(res.json().items, who).toEqual([]);
      expect(res.body).not.toContain('ZQXW');
      expectError(
        await as[who]!.patch(`/api/meetings/${meetingId}/notes/${noteId}`, { text: 'đổi' }),
        404,
        'not_found',
      );
      expectError(await as[who]!.delete(`/api/meetings/${meetingId}/notes/${noteId}`), 404, 'not_found');
    }
    const admin = await as.admin!.get(notesUrl());
    expect(admin.statusCode).toBe(404);
    expect(admin.body).not.toContain('ZQXW');
    // Every place an administrator or an auditor can look: the meeting view, the audit log, the
    // outbox (webhooks and live streams), the message outbox. The note text lives in mtg_notes only.
    for (const who of ['secretary', 'chair', 'm2'] as const)
      expect((await as[who]!.get(`/api/meetings/${meetingId}`)).body).not.toContain('ZQXW');
    const tables = await rows<{ name: string }>(
      sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    );
    const holding: string[] = [];
    for (const { name } of tables) {
      const [hit] = await rows<{ n: number }>(
        sql.raw(`select count(*)::int as n from "${name}" t where t::text like '%ZQXW%'`),
      );
      if (hit!.n > 0) holding.push(name);
    }
    expect(holding).toEqual(['mtg_notes']);
    const events = await rows<{ audience: { userIds?: string[]; permission?: string } }>(
      sql`select audience from outbox_events where type = 'meeting.note_add'`,
    );
    expect(events).toHaveLength(2);
    for (const e of events) expect(e.audience).toEqual({ userIds: [ids.m1] });

    // An API client with every scope there is, over the whole province.
    const [root] = await rows<{ id: string }>(sql`select id from id_agencies where parent_id is null`);
    const client = await as.admin!.post('/api/admin/api-clients', {
      name: 'Ứng dụng kiểm thử ghi chú',
      agencyId: root!.id,
      scopes: ['dossiers:read', 'procedures:read', 'stats:read'],
      rateLimitPerMinute: 120,
    });
    expect(client.statusCode, client.body).toBe(200);
    const { id, clientSecret } = client.json();
    const token = await t.platform.app.inject({
      method: 'POST',
      url: '/api/oauth/token',
      remoteAddress: freshIp(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: id,
        client_secret: clientSecret,
      }).toString(),
    });
    expect(token.statusCode, token.body).toBe(200);
    const api = await t.platform.app.inject({
      method: 'GET',
      url: notesUrl(),
      headers: { authorization: `Bearer ${token.json().access_token}` },
    });
    // Refused at the door (API clients reach only the routes of their scopes); the notes' own check
    // (meeting_notes_personal) stands behind it.
    expect(api.statusCode).toBe(403);
    expect(api.body).not.toContain('ZQXW');
  });

  it('the author edits and deletes their own note', async () => {
    expect(
      (await as.m1!.patch(`/api/meetings/${meetingId}/notes/${noteId}`, { text: 'Đã hỏi, đủ chỉ tiêu' }))
        .statusCode,
    ).toBe(200);
    expect((await as.m1!.delete(`/api/meetings/${meetingId}/notes/${noteId}`)).statusCode).toBe(200);
    const mine = (await as.m1!.get(notesUrl())).json().items;
    expect(mine.map((n: { kind: string }) => n.kind)).toEqual(['highlight']);
  });
});
