// Uploads and downloads through HTTP: type from content, sanitized names, attachment + nosniff on the way
// out, owner-only reads, size limit, content-addressed storage, audit.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, startTestPlatform, type TestPlatform } from '../platform.ts';
import { agentFrom, DEMO, expectError, fieldNames, signIn } from '../helpers/agents.ts';
import { count, expectNoChange, rows } from '../helpers/db-state.ts';
import { fileUpload, minimalPdf, multipart, tinyPng } from '../helpers/multipart.ts';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function upload(a: Agent, name: string, data: Buffer | string, contentType?: string) {
  const { body, contentType: ct } = fileUpload(name, data, contentType);
  return a.post('/api/files', body, { 'content-type': ct });
}

/** Every blob on disk under <dataDir>/files (temp files excluded). */
function blobsOnDisk(dataDir: string): string[] {
  const root = join(dataDir, 'files');
  if (!existsSync(root)) return [];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) {
        if (name !== 'tmp') walk(p);
      } else out.push(name);
    }
  };
  walk(root);
  return out.sort();
}

describe('files', () => {
  let t: TestPlatform;
  let officer: Agent;
  beforeAll(async () => {
    t = await startTestPlatform();
    officer = await signIn(t, DEMO.one_stop_officer);
  });
  afterAll(() => t.close());
  const db = () => t.platform.deps.db;
  const uploadsAudited = (fileId: string) =>
    count(db(), 'audit_log', sql`action = 'file.upload' and target_id = ${fileId}`);

  it.each([
    ['a PDF', 'giay-to.pdf', minimalPdf('Giay to'), 'application/pdf', 'giay-to.pdf'],
    ['a PNG', 'anh-chan-dung.png', tinyPng(), 'image/png', 'anh-chan-dung.png'],
    ['a PNG named .jpg and sent as image/jpeg', 'anh.jpg', tinyPng([0, 80, 160]), 'image/png', 'anh.png'],
    ['a PDF sent as text/html', 'don.html', minimalPdf('Don'), 'application/pdf', 'don.pdf'],
  ])(
    'stores %s under the type its content shows, and returns the same bytes',
    async (_n, name, data, mime, stored) => {
      const res = await upload(officer, name, data, name.endsWith('.jpg') ? 'image/jpeg' : 'text/html');
      expect(res.statusCode, res.body).toBe(200);
      const file = res.json() as { id: string; name: string; mime: string; size: number; sha256: string };
      expect(file).toMatchObject({ name: stored, mime, size: data.length, sha256: sha(data) });
      expect(await uploadsAudited(file.id)).toBe(1);
      expect(blobsOnDisk(t.dataDir)).toContain(file.sha256);

      const down = await officer.get(`/api/files/${file.id}`);
      expect(down.statusCode).toBe(200);
      expect(down.rawPayload.equals(data)).toBe(true);
      expect(down.headers['content-type']).toBe(mime);
      expect(down.headers['content-length']).toBe(String(data.length));
      expect(down.headers['x-content-type-options']).toBe('nosniff');
      expect(down.headers['content-disposition']).toMatch(
        new RegExp(`^attachment; filename="${stored.replace('.', '\\.')}"`),
      );
      expect(down.headers['cache-control']).toBe('private, no-store');
    },
  );

  it.each([
    ['plain text named .pdf', 'x.pdf', Buffer.from('Đây không phải PDF\n'), 'application/pdf'],
    [
      'a Windows executable (MZ) named .pdf',
      'x.pdf',
      Buffer.concat([Buffer.from('MZ\x90\x00\x03'), Buffer.alloc(200)]),
      'application/pdf',
    ],
    ['HTML named .png', 'x.png', Buffer.from('<html><script>alert(1)</script></html>'), 'image/png'],
    [
      'SVG (may carry scripts)',
      'x.svg',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      'image/svg+xml',
    ],
    ['an ELF binary', 'x.jpg', Buffer.concat([Buffer.from('\x7fELF'), Buffer.alloc(100)]), 'image/jpeg'],
    [
      'a plain zip named .docx',
      'x.docx',
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('evil.sh')]),
      'application/zip',
    ],
  ])('refuses %s → 415 file_type_not_allowed, no record', async (_n, name, data, ct) => {
    const res = await expectNoChange(db(), () => upload(officer, name, data, ct));
    expectError(res, 415, 'file_type_not_allowed');
  });

  it.each([
    ['a path with ../ and a quote', '../../etc/pass"wd.pdf', 'passwd.pdf'],
    ['a Windows path', '..\\..\\Windows\\system32\\evil.pdf', 'evil.pdf'],
    ['reserved characters', 'a<b>c:d|e?f*.pdf', 'abcdef.pdf'],
    ['a hidden-file name', '.htaccess', 'htaccess.pdf'],
    ['dots only', '....', 'tep-tin.pdf'],
    [
      'quotes that try to add a Content-Disposition parameter',
      'a"; filename="evil.html',
      'a; filename=evil.pdf',
    ],
    ['Vietnamese, decomposed (NFD)', 'Giấy khai sinh.pdf'.normalize('NFD'), 'Giấy khai sinh.pdf'],
    ['a name of 300 characters', `${'a'.repeat(300)}.pdf`, `${'a'.repeat(100)}.pdf`],
  ])('sanitizes the name: %s', async (_n, name, stored) => {
    const res = await upload(officer, name, minimalPdf(name.slice(0, 10)), 'application/pdf');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().name).toBe(stored);
    const [row] = await rows<{ name: string }>(db(), sql`select name from files where id = ${res.json().id}`);
    expect(row!.name).toBe(stored);
    const down = await officer.get(`/api/files/${res.json().id}`);
    const disposition = String(down.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="[\x20\x21\x23-\x7e]*"; filename\*=UTF-8''[^\s";]+$/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe(stored);
  });

  it('identical content uploaded twice: one blob, two records, two audit rows', async () => {
    const data = minimalPdf('Noi dung giong nhau');
    const first = await upload(officer, 'ban-1.pdf', data);
    const second = await upload(officer, 'ban-2.pdf', data);
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    expect(first.json().id).not.toBe(second.json().id);
    expect(first.json().sha256).toBe(second.json().sha256);
    expect(await count(db(), 'files', sql`sha256 = ${sha(data)}`)).toBe(2);
    expect(blobsOnDisk(t.dataDir).filter((b) => b === sha(data))).toHaveLength(1);
    expect(await uploadsAudited(first.json().id)).toBe(1);
    expect(await uploadsAudited(second.json().id)).toBe(1);
    const [audit] = await rows<{ summary: Record<string, unknown>; actor_id: string }>(
      db(),
      sql`select summary, actor_id from audit_log where action = 'file.upload' and target_id = ${second.json().id}`,
    );
    expect(audit!.summary).toMatchObject({
      name: 'ban-2.pdf',
      size: data.length,
      mime: 'application/pdf',
      sha256: sha(data),
    });
    const [owner] = await rows<{ id: string }>(
      db(),
      sql`select id from id_users where email = ${DEMO.one_stop_officer}`,
    );
    expect(audit!.actor_id).toBe(owner!.id);
  });

  describe('who may download', () => {
    let fileId: string;
    beforeAll(async () => {
      const res = await upload(officer, 'ho-so-rieng.pdf', minimalPdf('Rieng tu'));
      fileId = res.json().id;
    });

    it.each([
      ['a citizen', DEMO.citizen],
      ['an official of another agency', DEMO.specialist],
      ['another one-stop officer', DEMO.one_stop_officer_centre],
      ['the city administrator', DEMO.admin],
    ])('%s → 404 not_found (the id reveals nothing)', async (_n, email) => {
      const other = await signIn(t, email);
      const res = await other.get(`/api/files/${fileId}`);
      expectError(res, 404, 'not_found');
      expect(res.headers['content-disposition']).toBeUndefined();
    });

    it('an unknown id → 404, the same answer', async () => {
      expectError(await officer.get('/api/files/00000000-0000-4000-8000-000000000000'), 404, 'not_found');
    });

    it('a malformed id → 400 on params.id', async () => {
      expect(
        fieldNames(expectError(await officer.get('/api/files/..%2F..%2Fsecret.key'), 400, 'validation')),
      ).toEqual(['params.id']);
    });

    it('nobody signed in → 401, for download and upload', async () => {
      const anonymous = agentFrom(t);
      expectError(await anonymous.get(`/api/files/${fileId}`), 401, 'unauthenticated');
      const res = await expectNoChange(db(), () => upload(anonymous, 'x.pdf', minimalPdf()));
      expectError(res, 401, 'unauthenticated');
    });

    it('the owner still may', async () => {
      expect((await officer.get(`/api/files/${fileId}`)).statusCode).toBe(200);
    });
  });

  describe('malformed uploads', () => {
    it('an empty file → 400 naming body.file', async () => {
      const res = await expectNoChange(db(), () => upload(officer, 'rong.pdf', Buffer.alloc(0)));
      expect(fieldNames(expectError(res, 400, 'validation'))).toEqual(['body.file']);
    });

    it('a form without a file → 400 naming body.file', async () => {
      const { body, contentType } = multipart([{ name: 'note', data: 'không có tệp' }]);
      const res = await expectNoChange(db(), () =>
        officer.post('/api/files', body, { 'content-type': contentType }),
      );
      expect(fieldNames(expectError(res, 400, 'validation'))).toEqual(['body.file']);
    });

    it('JSON instead of multipart → 415', async () => {
      const res = await expectNoChange(db(), () => officer.post('/api/files', { file: 'JVBERi0xLjQK' }));
      expectError(res, 415, 'unsupported_media_type');
    });
  });
});

describe('files over the size limit (MAX_UPLOAD_MB=0.01, about 10 KiB)', () => {
  let t: TestPlatform;
  let officer: Agent;
  beforeAll(async () => {
    t = await startTestPlatform({ env: { MAX_UPLOAD_MB: '0.01' } });
    officer = await signIn(t, DEMO.one_stop_officer);
  });
  afterAll(() => t.close());

  it('a file under the limit is accepted', async () => {
    const res = await upload(officer, 'nho.pdf', minimalPdf('nho', 5_000));
    expect(res.statusCode, res.body).toBe(200);
  });

  it.each([
    ['just over the limit', 10_486 - minimalPdf('lon').length + 1],
    ['twice the limit', 20_000],
  ])('a file %s → 413 payload_too_large, no record, no audit row', async (_n, padding) => {
    const data = minimalPdf('lon', padding);
    expect(data.length).toBeGreaterThan(t.platform.deps.config.maxUploadBytes);
    const files = await count(t.platform.deps.db, 'files');
    const res = await expectNoChange(t.platform.deps.db, () => upload(officer, 'lon.pdf', data));
    // The refusal states the limit (10,486 bytes here: "10 KB").
    expect(expectError(res, 413, 'payload_too_large').message).toMatch(/tối đa 10 KB\.$/);
    expect(await count(t.platform.deps.db, 'files')).toBe(files);
  });
});
