// A short video instead of photos: the type from the content, the length and size limits, and no stored
// copy holds the location or the device the phone wrote into it; a video goes alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, startTestPlatform, type TestPlatform } from '../platform.ts';
import { mp4Video, photoWithGps, THU_DAU_MOT, uploadPhoto, uploadVideo } from './fixtures.ts';

let t: TestPlatform;
let citizen: Agent;
let operator: Agent;

beforeAll(async () => {
  t = await startTestPlatform();
  citizen = t.client();
  operator = await t.login('dieuhanh@cqs.demo');
});
afterAll(() => t?.close());

const report = (media: { id: string; secret: string }[]) =>
  citizen.post('/api/feedback/reports', {
    categoryCode: 'thoat-nuoc-ngap',
    description: 'Nước ngập ngang bánh xe sau mưa',
    ...THU_DAU_MOT,
    media,
  });

describe('short videos', () => {
  it('stores the video without its location or device, byte for byte otherwise', async () => {
    const original = mp4Video({ seconds: 12 });
    expect(original.includes(Buffer.from('+10.9804'))).toBe(true);
    const res = await uploadVideo(citizen, original);
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json() as { id: string; secret: string; seconds: number; width: number; mime: string };
    expect(v).toMatchObject({ seconds: 12, width: 640, height: 480, mime: 'video/mp4' });
    const sent = await report([{ id: v.id, secret: v.secret }]);
    expect(sent.statusCode, sent.body).toBe(200);
    const stored = await operator.get(`/api/feedback/media/${v.id}`);
    expect(stored.statusCode).toBe(200);
    expect(stored.headers['content-type']).toBe('video/mp4');
    expect(stored.headers['x-content-type-options']).toBe('nosniff');
    const bytes = stored.rawPayload;
    expect(bytes.length).toBe(original.length);
    for (const secret of ['+10.9804', '106.6565', 'Nguyen Van Chup', 'PhoneCam', '\xa9xyz', 'udta'])
      expect(bytes.includes(Buffer.from(secret, 'latin1')), secret).toBe(false);
    // The pictures are untouched.
    const mdat = original.indexOf(Buffer.from('mdat'));
    expect(bytes.subarray(mdat)).toEqual(original.subarray(mdat));
    // Not approved yet: not public. The operator's view says it is a video (the page plays it).
    expect((await t.client().get(`/api/feedback/media/${v.id}`)).statusCode).toBe(404);
    const view = await operator.get(`/api/feedback/manage/${sent.json().code}`);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json().photos).toEqual([expect.objectContaining({ id: v.id, video: true })]);
  });

  it('refuses HTML named .mp4, a video too long, and a video with photos', async () => {
    const html = await uploadVideo(citizen, Buffer.from('<!doctype html><script>alert(1)</script>'));
    expect(html.statusCode).toBe(415);
    const long = await uploadVideo(citizen, mp4Video({ seconds: 61 }));
    expect(long.statusCode).toBe(400);
    expect(long.json().error.fields[0]).toMatchObject({ field: 'body.file' });
    expect(long.json().error.fields[0].message).toContain('60');
    const v = (await uploadVideo(citizen, mp4Video())).json();
    const p = (await uploadPhoto(citizen, await photoWithGps())).json();
    const both = await report([
      { id: v.id, secret: v.secret },
      { id: p.id, secret: p.secret },
    ]);
    expect(both.statusCode).toBe(400);
    expect(both.json().error.fields[0].message).toContain('video');
  });

  it('refuses a video over the size limit with 413', async () => {
    const big = Buffer.concat([mp4Video(), Buffer.alloc(50 * 1024 * 1024)]);
    const res = await uploadVideo(citizen, big);
    expect(res.statusCode).toBe(413);
  });
});
