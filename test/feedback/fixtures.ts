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
