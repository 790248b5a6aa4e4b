import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minimalPdf } from '../helpers/multipart.ts';
import { type Agent, startTestPlatform, type TestPlatform } from '../platform.ts';

let t: TestPlatform;
let citizen: Agent;
beforeAll(async () => {
  t = await startTestPlatform();
  citizen = await t.login('congdan@cqs.demo');
});
afterAll(() => t.close());

const chunk = (a: Agent, id: string, offset: number, data: Buffer) =>
  a.patch(`/api/uploads/${id}`, data, {
    'content-type': 'application/offset+octet-stream',
    'upload-offset': String(offset),
  });

describe('resumable uploads', () => {
  it('takes a file in chunks, resumes at the reported offset after a lost chunk, and ends as a file', async () => {
    const pdf = minimalPdf('ban ve mat bang', 30_000);
    const created = await citizen.post('/api/uploads', { name: 'ban-ve.pdf', size: pdf.length });
    expect(created.statusCode, created.body).toBe(200);
    const { id } = created.json();
    const first = await chunk(citizen, id, 0, pdf.subarray(0, 10_000));
    expect(first.json().offset).toBe(10_000);
    // The client lost the answer and sends the same chunk again: accepted once, nothing appended.
    const replay = await chunk(citizen, id, 0, pdf.subarray(0, 10_000));
    expect(replay.statusCode, replay.body).toBe(200);
    expect(replay.json().offset).toBe(10_000);
    // Other bytes for a range already received: refused with the real offset.
    const changed = await chunk(citizen, id, 0, minimalPdf('khac', 10_000).subarray(0, 10_000));
    expect(changed.statusCode).toBe(409);
    // After a reconnect the client asks where to continue.
    expect((await citizen.get(`/api/uploads/${id}`)).json().offset).toBe(10_000);
    expect((await chunk(citizen, id, 10_000, pdf.subarray(10_000))).json().offset).toBe(pdf.length);
    const done = await citizen.post(`/api/uploads/${id}/complete`, {});
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ mime: 'application/pdf', size: pdf.length, name: 'ban-ve.pdf' });
    const download = await citizen.get(`/api/files/${done.json().id}`);
    expect(Buffer.compare(download.rawPayload, pdf)).toBe(0);
  });

  it('refuses to complete an unfinished upload, a chunk past the size, and other people’s uploads', async () => {
    const { id } = (await citizen.post('/api/uploads', { name: 'x.pdf', size: 100 })).json();
    expect((await citizen.post(`/api/uploads/${id}/complete`, {})).statusCode).toBe(409);
    expect((await chunk(citizen, id, 0, Buffer.alloc(101))).statusCode).toBe(413);
    const other = await t.login('motcua.thudaumot@cqs.demo');
    expect((await other.get(`/api/uploads/${id}`)).statusCode).toBe(404);
    expect((await chunk(other, id, 0, Buffer.alloc(10))).statusCode).toBe(404);
  });

  it('checks the type from the content on completion', async () => {
    const text = Buffer.from('MZ this is not a document');
    const { id } = (await citizen.post('/api/uploads', { name: 'giay-to.pdf', size: text.length })).json();
    await chunk(citizen, id, 0, text);
    expect((await citizen.post(`/api/uploads/${id}/complete`, {})).statusCode).toBe(415);
  });

  it('two identical chunks sent at once (a client retry) are appended once', async () => {
    const pdf = minimalPdf('giay phep', 40_000);
    const { id } = (await citizen.post('/api/uploads', { name: 'giay-phep.pdf', size: pdf.length })).json();
    const half = pdf.subarray(0, 20_000);
    const answers = await Promise.all([chunk(citizen, id, 0, half), chunk(citizen, id, 0, half)]);
    for (const a of answers) expect(a.statusCode, a.body).toBe(200);
    expect((await citizen.get(`/api/uploads/${id}`)).json().offset).toBe(20_000);
    const rest = await Promise.all([
      chunk(citizen, id, 20_000, pdf.subarray(20_000)),
      chunk(citizen, id, 20_000, pdf.subarray(20_000)),
      chunk(citizen, id, 20_000, pdf.subarray(20_000)),
    ]);
    for (const a of rest) expect(a.statusCode, a.body).toBe(200);
    const done = await citizen.post(`/api/uploads/${id}/complete`, {
      sha256: createHash('sha256').update(pdf).digest('hex'),
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().size).toBe(pdf.length);
    const download = await citizen.get(`/api/files/${done.json().id}`);
    expect(Buffer.compare(download.rawPayload, pdf)).toBe(0);
  });

  it('refuses to complete when the declared hash does not match what arrived, keeping the upload', async () => {
    const pdf = minimalPdf('so do', 5_000);
    const { id } = (await citizen.post('/api/uploads', { name: 'so-do.pdf', size: pdf.length })).json();
    await chunk(citizen, id, 0, pdf);
    const wrong = await citizen.post(`/api/uploads/${id}/complete`, { sha256: '0'.repeat(64) });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error.code).toBe('upload_hash_mismatch');
    expect((await citizen.get(`/api/uploads/${id}`)).json().offset).toBe(pdf.length);
  });
});
