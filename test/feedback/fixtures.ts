import sharp from 'sharp';
import { fileUpload } from '../helpers/multipart.ts';
import type { Agent } from '../platform.ts';

/** Thủ Dầu Một ward (25747): a point well inside it. */
export const THU_DAU_MOT = { lat: 10.9804, lng: 106.6565 };

/** A JPEG photo whose EXIF says where it was taken (and which camera), as phones write them. */
export async function photoWithGps(lat = THU_DAU_MOT.lat, lng = THU_DAU_MOT.lng): Promise<Buffer> {
  const dms = (v: number) => {
    const d = Math.floor(v);
    const m = Math.floor((v - d) * 60);
    const s = Math.round(((v - d) * 60 - m) * 60 * 100);
    return `${d}/1 ${m}/1 ${s}/100`;
  };
  return sharp({ create: { width: 800, height: 600, channels: 3, background: '#7a9' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'PhoneCam', Artist: 'Nguyen Van Chup' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: dms(lat), GPSLongitudeRef: 'E', GPSLongitude: dms(lng) },
    })
    .toBuffer();
}

export async function uploadPhoto(agent: Agent, data: Buffer, name = 'anh.jpg') {
  const { body, contentType } = fileUpload(name, data, 'image/jpeg');
  return agent.request('POST', '/api/feedback/photos', body, { 'content-type': contentType });
}

/**
 * A minimal MP4 as a phone writes one: `ftyp`, `moov` (movie header with the length, a track header with
 * the picture size, and a `udta` box with the ©xyz location and the device), then the media data.
 */
export function mp4Video(
  opts: { seconds?: number; brand?: string; lat?: number; lng?: number } = {},
): Buffer {
  const box = (type: string, ...parts: Buffer[]) => {
    const body = Buffer.concat(parts);
    const head = Buffer.alloc(8);
    head.writeUInt32BE(8 + body.length);
    head.write(type, 4, 'latin1');
    return Buffer.concat([head, body]);
  };
  const u32 = (...v: number[]) => {
    const b = Buffer.alloc(4 * v.length);
    for (const [i, x] of v.entries()) b.writeUInt32BE(x >>> 0, 4 * i);
    return b;
  };
  const mvhd = box('mvhd', u32(0, 0, 0, 1000, Math.round((opts.seconds ?? 5) * 1000)), Buffer.alloc(80));
  // version/flags, times, track id, reserved, duration, reserved ×2, layer+group, volume+reserved, matrix
  const tkhd = box('tkhd', u32(0, 0, 0, 1, 0, 5000, 0, 0, 0, 0), Buffer.alloc(36), u32(640 << 16, 480 << 16));
  const where = `${(opts.lat ?? THU_DAU_MOT.lat) >= 0 ? '+' : ''}${opts.lat ?? THU_DAU_MOT.lat}+${opts.lng ?? THU_DAU_MOT.lng}/`;
  const xyz = Buffer.concat([Buffer.from([0, where.length, 0x15, 0xc7]), Buffer.from(where, 'latin1')]);
  const udta = box('udta', box('\xa9xyz', xyz), box('\xa9mak', Buffer.from('PhoneCam Nguyen Van Chup')));
  return Buffer.concat([
    box('ftyp', Buffer.from(`${opts.brand ?? 'isom'}\0\0\x02\0isomiso2mp41`, 'latin1')),
    box('moov', mvhd, box('trak', tkhd), udta),
    box('mdat', Buffer.alloc(4096, 0x42)),
  ]);
}

export async function uploadVideo(agent: Agent, data: Buffer, name = 'video.mp4', type = 'video/mp4') {
  const { body, contentType } = fileUpload(name, data, type);
  return agent.request('POST', '/api/feedback/videos', body, { 'content-type': contentType });
}
