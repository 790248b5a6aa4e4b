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
    // The client lost the answer and sends the same chunk again: refused with the real offset, nothing appended.
    const replay = await chunk(citizen, id, 0, pdf.subarray(0, 10_000));
    expect(replay.statusCode).toBe(409);
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
});
