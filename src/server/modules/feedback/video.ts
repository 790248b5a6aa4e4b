// Short videos of a report (MP4 and QuickTime, as phones record them): the type is decided from the
// content (an ISO base media file: `ftyp` first, a `moov` box), the length and size are limited, and
// every metadata box (`udta`, `meta`, `uuid`: where phones write the location, the device and the
// owner) is turned into a `free` box of the same size with its bytes zeroed. Nothing moves, so the
// sample offsets stay valid and no transcoder is needed; the pictures themselves are kept as recorded.
import { AppError, tooLarge } from '../../platform/errors.ts';

export const MAX_VIDEO_BYTES = 50 * 1024 * 1024;
export const MAX_VIDEO_SECONDS = 60;

export interface ProcessedVideo {
  data: Buffer;
  mime: 'video/mp4' | 'video/quicktime';
  width: number;
  height: number;
  seconds: number;
  /** metadata boxes neutralised */
  stripped: number;
}

interface Box {
  type: string;
  /** where the box starts, where its payload starts, where it ends */
  start: number;
  body: number;
  end: number;
}

/** The boxes between `from` and `to`, or null when the sizes do not add up (not an ISO media file). */
function boxes(buf: Buffer, from: number, to: number): Box[] | null {
  const out: Box[] = [];
  let at = from;
  while (at + 8 <= to) {
    let size = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    let body = at + 8;
    if (size === 1) {
      if (at + 16 > to) return null;
      const large = buf.readBigUInt64BE(at + 8);
      if (large > BigInt(to - at)) return null;
      size = Number(large);
      body = at + 16;
    } else if (size === 0) size = to - at;
    if (size < body - at || at + size > to) return null;
    out.push({ type, start: at, body, end: at + size });
    at += size;
  }
  return at === to ? out : null;
}

const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'edts', 'dinf', 'mvex', 'moof', 'traf']);
const METADATA = new Set(['udta', 'meta', 'uuid']);

const notVideo = () => new AppError('file_type_not_allowed', { allowed: 'mp4, mov' });

export function processVideo(input: Buffer): ProcessedVideo {
  if (input.length > MAX_VIDEO_BYTES) throw tooLarge(MAX_VIDEO_BYTES);
  const data = Buffer.from(input);
  const top = boxes(data, 0, data.length);
  if (!top || top[0]?.type !== 'ftyp') throw notVideo();
  const brand = data.toString('latin1', top[0].body, top[0].body + 4);
  const moov = top.find((b) => b.type === 'moov');
  if (!moov) throw notVideo();
  let seconds = -1;
  let width = 0;
  let height = 0;
  let stripped = 0;
  const walk = (list: Box[]) => {
    for (const b of list) {
      if (METADATA.has(b.type)) {
        data.write('free', b.start + 4, 'latin1');
        data.fill(0, b.body, b.end);
        stripped++;
      } else if (b.type === 'mvhd' && b.end - b.body >= 20) {
        const v1 = data[b.body] === 1;
        const scale = data.readUInt32BE(b.body + (v1 ? 20 : 12));
        const duration = v1 ? Number(data.readBigUInt64BE(b.body + 24)) : data.readUInt32BE(b.body + 16);
        seconds = scale > 0 ? duration / scale : -1;
      } else if (b.type === 'tkhd' && width === 0) {
        const at = b.body + (data[b.body] === 1 ? 88 : 76);
        if (at + 8 <= b.end) {
          width = data.readUInt32BE(at) >>> 16;
          height = data.readUInt32BE(at + 4) >>> 16;
        }
      } else if (CONTAINERS.has(b.type)) {
        const inner = boxes(data, b.body, b.end);
        if (!inner) throw notVideo();
        walk(inner);
      }
    }
  };
  walk(top.slice(1));
  if (seconds < 0 || width === 0 || height === 0) throw notVideo();
  if (seconds > MAX_VIDEO_SECONDS)
    throw new AppError('validation', {}, [
      { field: 'body.file', key: 'feedback.video_too_long', params: { max: MAX_VIDEO_SECONDS } },
    ]);
  return {
    data,
    mime: brand === 'qt  ' ? 'video/quicktime' : 'video/mp4',
    width,
    height,
    seconds: Math.round(seconds * 10) / 10,
    stripped,
  };
}
