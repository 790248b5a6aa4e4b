// What uploads may cost (issue 10, finding 14): a quota per person over the files they hold unattached
// (UPLOAD_QUOTA_MB), answered with a localized 413 naming it; and a sweep that removes files nobody
// attached, and blobs no row names, after UPLOAD_ORPHAN_HOURS — never one that anything still names.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepOrphanPhotos } from '../../src/server/modules/feedback/index.ts';
import { generateDossiers } from '../../src/server/modules/services/index.ts';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { LocalBlobStore } from '../../src/server/platform/files/store.ts';
import sharp from 'sharp';
import { uploadPhoto } from '../feedback/fixtures.ts';
import { agentFrom, DEMO, expectError, signIn } from '../helpers/agents.ts';
import { count, expectNoChange } from '../helpers/db-state.ts';
import { fileUpload, minimalPdf } from '../helpers/multipart.ts';
import { type Agent, startTestPlatform, type TestPlatform } from '../platform.ts';

function upload(a: Agent, name: string, data: Buffer) {
  const { body, contentType } = fileUpload(name, data, 'application/pdf');
  return a.post('/api/files', body, { 'content-type': contentType });
}
const KiB = 1024;

describe('the upload quota per person', () => {
  let t: TestPlatform;
  let citizen: Agent;
  let officer: Agent;
  beforeAll(async () => {
    // 0.1 MB: room for two 40 KiB files, not three.
    t = await startTestPlatform({ env: { UPLOAD_QUOTA_MB: '0.1', UPLOAD_ORPHAN_HOURS: '24' } });
    citizen = await signIn(t, DEMO.citizen);
    officer = await signIn(t, DEMO.one_stop_officer);
  });
  afterAll(() => t.close());
  const db = () => t.platform.deps.db;

  it('takes files up to the quota, then refuses with a 413 naming it; nothing is stored', async () => {
    for (const i of [1, 2]) {
      const res = await upload(citizen, `giay-to-${i}.pdf`, minimalPdf(`giay to ${i}`, 40 * KiB));
      expect(res.statusCode, res.body).toBe(200);
    }
    const refused = await expectNoChange(db(), () =>
      upload(citizen, 'giay-to-3.pdf', minimalPdf('giay to 3', 40 * KiB)),
    );
    const error = expectError(refused, 413, 'upload_quota_exceeded');
    expect(error.message).toContain('0.1 MB');
    expect(error.message).toMatch(/24 giờ/);
  });

  it('says it in English too', async () => {
    const res = await upload(citizen, 'x.pdf', minimalPdf('x', 40 * KiB));
    citizen.cookies.set('cqs_lang', 'en');
    const en = await upload(citizen, 'x.pdf', minimalPdf('x', 40 * KiB));
    citizen.cookies.delete('cqs_lang');
    expect(res.statusCode).toBe(413);
    expect(expectError(en, 413, 'upload_quota_exceeded').message).toMatch(/upload quota of 0\.1 MB/);
  });

  it('is per person: another official still uploads', async () => {
    const res = await upload(officer, 'to-trinh.pdf', minimalPdf('to trinh', 40 * KiB));
    expect(res.statusCode, res.body).toBe(200);
  });

  it('counts a resumable upload from its start, by its declared size', async () => {
    const res = await expectNoChange(db(), () =>
      officer.post('/api/uploads', { name: 'ban-ve.pdf', size: 80 * KiB }),
    );
    expect(expectError(res, 413, 'upload_quota_exceeded').message).toContain('0.1 MB');
    const fits = await officer.post('/api/uploads', { name: 'nho.pdf', size: 20 * KiB });
    expect(fits.statusCode, fits.body).toBe(200);
  });

  it('files handed to something no longer count', async () => {
    // What attaching does (a dossier takes the file): the platform's attachment columns are set.
    await db().execute(
      sql`update files set resource_type = 'dossier', resource_id = ${randomUUID()}
          where owner_id = (select id from id_users where email = ${DEMO.citizen})`,
    );
    const res = await upload(citizen, 'giay-to-4.pdf', minimalPdf('giay to 4', 40 * KiB));
    expect(res.statusCode, res.body).toBe(200);
  });
});

describe('the orphan sweep', () => {
  let t: TestPlatform;
  let officer: Agent;
  const db = () => t.platform.deps.db;
  const blobPath = (sha: string) => join(t.dataDir, 'files', sha.slice(0, 2), sha.slice(2, 4), sha);
  const ids: Record<string, { id: string; sha256: string }> = {};
  let photo: { id: string; sha256: string };
  let attachedPhoto: { id: string; sha256: string };
  const strayOld = 'a'.repeat(64);
  const strayNew = 'b'.repeat(64);

  /** Makes a file, and its blob on disk, look uploaded two days ago. */
  async function age(id: string, sha256: string) {
    await db().execute(sql`update files set created_at = now() - interval '2 days' where id = ${id}`);
    const old = new Date(Date.now() - 2 * 86_400_000);
    utimesSync(blobPath(sha256), old, old);
  }

  beforeAll(async () => {
    t = await startTestPlatform({ env: { UPLOAD_ORPHAN_HOURS: '24' } });
    officer = await signIn(t, DEMO.one_stop_officer);
    const names = [
      'loose', // nobody attached it: removed
      'recent', // nobody attached it yet, uploaded an hour ago: kept
      'attached', // the platform's attachment (a dossier took it): kept
      'dossier_listed', // named by svc_dossier_files only: kept
      'dossier_result', // named by a dossier's result only: kept
      'meeting_document', // named by mtg_documents: kept
      'legal_document', // named by ptl_legal_documents: kept
      'portal_image', // an image in a portal article's body: kept
      'shared_loose', // same bytes as 'attached': the row goes, the blob stays
    ];
    for (const name of names) {
      const bytes = name === 'shared_loose' ? minimalPdf('attached', 2 * KiB) : minimalPdf(name, 2 * KiB);
      const res = await upload(officer, `${name}.pdf`, bytes);
      expect(res.statusCode, res.body).toBe(200);
      ids[name] = res.json() as { id: string; sha256: string };
      if (name !== 'recent') await age(ids[name]!.id, ids[name]!.sha256);
    }
    // Each reference written as its module writes it (one row each).
    await generateDossiers(db(), { count: 2, seed: 3, until: new Date('2026-11-01T00:00:00+07:00') });
    const oneRow = async (statement: ReturnType<typeof sql>) =>
      expect(
        await queryRows(db(), sql`${statement} returning 1`),
        new PgDialect().sqlToQuery(statement).sql,
      ).toHaveLength(1);
    await oneRow(sql`update files set resource_type = 'dossier', resource_id = ${randomUUID()}
      where id = ${ids.attached!.id}`);
    await oneRow(sql`insert into svc_dossier_files (dossier_id, file_id, component_key)
      select id, ${ids.dossier_listed!.id}, 'test' from svc_dossiers order by id limit 1`);
    await oneRow(sql`update svc_dossiers set result = ${JSON.stringify({ fileId: ids.dossier_result!.id, type: 'x' })}::jsonb
      where id = (select id from svc_dossiers order by id desc limit 1)`);
    await oneRow(sql`insert into mtg_documents (meeting_id, item_id, title, file_id, page_count)
      select meeting_id, id, 'Tờ trình', ${ids.meeting_document!.id}, 3 from mtg_items limit 1`);
    await oneRow(sql`update ptl_legal_documents set file_id = ${ids.legal_document!.id}
      where id = (select id from ptl_legal_documents limit 1)`);
    const image = { type: 'image', attrs: { src: `/api/files/${ids.portal_image!.id}`, alt: 'Ảnh' } };
    await oneRow(sql`update ptl_editions set body = jsonb_set(body, '{content}', (body->'content') || ${JSON.stringify([image])}::jsonb)
      where id = (select id from ptl_editions limit 1)`);

    // Feedback photos: one never attached to a report, one attached (its blob named by fb_media).
    const anonymous = agentFrom(t);
    for (const which of ['loose', 'attached'] as const) {
      // Re-encoding strips what tells two photos apart but their pixels: two colours, two blobs.
      const background = which === 'loose' ? '#7a9' : '#a97';
      const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background } })
        .jpeg()
        .toBuffer();
      const res = await uploadPhoto(anonymous, jpeg);
      expect(res.statusCode, res.body).toBe(200);
      const { id } = res.json() as { id: string };
      const [m] = await queryRows<{ sha256: string }>(
        db(),
        sql`select sha256 from fb_media where id = ${id}`,
      );
      const row = { id, sha256: m!.sha256 };
      if (which === 'loose') photo = row;
      else attachedPhoto = row;
      await db().execute(sql`update fb_media set created_at = now() - interval '2 days' where id = ${id}`);
      const old = new Date(Date.now() - 2 * 86_400_000);
      utimesSync(blobPath(row.sha256), old, old);
    }
    await oneRow(sql`update fb_media set report_id = (select id from fb_reports limit 1)
      where id = ${attachedPhoto!.id}`);

    // Blobs no row names (an upload refused after it was stored): one old, one just written.
    for (const [sha, daysOld] of [
      [strayOld, 2],
      [strayNew, 0],
    ] as const) {
      mkdirSync(join(blobPath(sha), '..'), { recursive: true });
      writeFileSync(blobPath(sha), 'stray');
      const at = new Date(Date.now() - daysOld * 86_400_000);
      utimesSync(blobPath(sha), at, at);
    }

    // The three jobs: photos no report took (hourly), loose files with their blobs (hourly), every
    // blob nothing names (daily).
    await sweepOrphanPhotos(db(), new Date(Date.now() - 24 * 3_600_000));
    await t.platform.sweep.run();
    await t.platform.sweep.sweepBlobs();
  });
  afterAll(() => t.close());

  const fileExists = async (id: string) => (await count(db(), 'files', sql`id = ${id}`)) === 1;

  it('removes the file nobody attached, with its blob, and audits it as the system', async () => {
    expect(await fileExists(ids.loose!.id)).toBe(false);
    expect(existsSync(blobPath(ids.loose!.sha256))).toBe(false);
    const [row] = await queryRows<{
      actor_id: string | null;
      actor_label: string;
      summary: { name: string };
    }>(
      db(),
      sql`select actor_id, actor_label, summary from audit_log
          where action = 'file.orphan_removed' and target_id = ${ids.loose!.id}`,
    );
    expect(row).toMatchObject({ actor_id: null, actor_label: 'files-sweep', summary: { name: 'loose.pdf' } });
    expect(
      await count(db(), 'audit_log', sql`action = 'file.blob_removed' and target_id = ${ids.loose!.sha256}`),
    ).toBe(1);
  });

  it.each([
    'recent',
    'attached',
    'dossier_listed',
    'dossier_result',
    'meeting_document',
    'legal_document',
    'portal_image',
  ])('keeps the file %s, and its blob', async (name) => {
    expect(await fileExists(ids[name]!.id)).toBe(true);
    expect(existsSync(blobPath(ids[name]!.sha256))).toBe(true);
  });

  it('removes a loose row whose bytes another file shares, and keeps the shared blob', async () => {
    expect(await fileExists(ids.shared_loose!.id)).toBe(false);
    expect(ids.shared_loose!.sha256).toBe(ids.attached!.sha256);
    expect(existsSync(blobPath(ids.attached!.sha256))).toBe(true);
  });

  it('feedback: the photo no report took goes, with its blob; the attached one stays', async () => {
    expect(photo.sha256).not.toBe(attachedPhoto.sha256);
    expect(await count(db(), 'fb_media', sql`id = ${photo.id}`)).toBe(0);
    expect(
      await count(db(), 'audit_log', sql`action = 'feedback.photo_removed' and target_id = ${photo.id}`),
    ).toBe(1);
    expect(existsSync(blobPath(photo.sha256))).toBe(false);
    expect(await count(db(), 'fb_media', sql`id = ${attachedPhoto.id}`)).toBe(1);
    expect(existsSync(blobPath(attachedPhoto.sha256))).toBe(true);
  });

  it('removes an old blob no row names, not one just written', async () => {
    expect(existsSync(blobPath(strayOld))).toBe(false);
    expect(existsSync(blobPath(strayNew))).toBe(true);
  });

  it('a file uploaded again, with the same bytes as a removed one, is a new file the sweep keeps', async () => {
    const res = await upload(officer, 'loose-again.pdf', minimalPdf('loose', 2 * KiB));
    expect(res.json().sha256).toBe(ids.loose!.sha256);
    await t.platform.sweep.run();
    await t.platform.sweep.sweepBlobs();
    expect(existsSync(blobPath(ids.loose!.sha256))).toBe(true);
    expect(await fileExists(res.json().id)).toBe(true);
  });
});

describe('the blob store under the sweep', () => {
  const root = mkdtempSync(join(tmpdir(), 'cqs-blobs-'));
  const store = new LocalBlobStore(root);
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const put = (text: string) => store.put(Readable.from([Buffer.from(text)]), 1024);
  const age = (sha: string) => {
    const old = new Date(Date.now() - 2 * 86_400_000);
    utimesSync(join(root, sha.slice(0, 2), sha.slice(2, 4), sha), old, old);
  };

  it('lists only blobs written before the cut-off, and removes one nobody wrote again', async () => {
    const { sha256: old } = await put('cũ');
    const { sha256: fresh } = await put('mới');
    age(old);
    const before = new Date(Date.now() - 86_400_000);
    const listed: string[] = [];
    for await (const sha of store.writtenBefore(before)) listed.push(sha);
    expect(listed).toEqual([old]);
    expect(await store.remove(old, before)).toBe(true);
    expect(await store.has(old)).toBe(false);
    expect(await store.has(fresh)).toBe(true);
  });

  it('keeps a blob the same bytes were uploaded to after the sweep found it unnamed', async () => {
    const { sha256 } = await put('tải lại');
    age(sha256);
    const before = new Date(Date.now() - 86_400_000);
    // The sweep has found it old and unnamed; the same bytes arrive before it removes the blob.
    await put('tải lại');
    expect(await store.remove(sha256, before)).toBe(false);
    expect(await store.has(sha256)).toBe(true);
  });
});
