// Photos of a report: the type is decided from the content, the EXIF location is read (to suggest the
// point to the uploader only) and every stored copy is re-encoded by sharp, which writes no metadata.
import exifr from 'exifr';
import sharp from 'sharp';
import { sniff } from '../../platform/files/sniff.ts';
import { AppError, tooLarge } from '../../platform/errors.ts';

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
export const MAX_PHOTOS = 5;
const MAX_EDGE = 1600;
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/tiff']);

export interface ProcessedPhoto {
  data: Buffer;
  mime: 'image/jpeg';
  width: number;
  height: number;
  /** where the camera said it was; returned to the uploader, never stored */
  suggestedPoint: { lat: number; lng: number } | null;
}

export async function processPhoto(input: Buffer): Promise<ProcessedPhoto> {
  if (input.length > MAX_PHOTO_BYTES) throw tooLarge(MAX_PHOTO_BYTES);
  const type = sniff(input.subarray(0, 64));
  if (!type || !IMAGE_TYPES.has(type.mime))
    throw new AppError('file_type_not_allowed', { allowed: 'jpeg, png, webp' });
  let suggestedPoint: ProcessedPhoto['suggestedPoint'] = null;
  try {
    const gps = await exifr.gps(input);
    if (gps && Number.isFinite(gps.latitude) && Number.isFinite(gps.longitude))
      suggestedPoint = { lat: gps.latitude, lng: gps.longitude };
  } catch {
    // No readable EXIF: no suggestion.
  }
  try {
    // rotate() applies the EXIF orientation before it is dropped; sharp keeps no metadata unless asked.
    const { data, info } = await sharp(input, { limitInputPixels: 50_000_000 })
      .rotate()
      .resize(MAX_EDGE, MAX_EDGE, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 80, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return { data, mime: 'image/jpeg', width: info.width, height: info.height, suggestedPoint };
  } catch {
    throw new AppError('file_type_not_allowed', { allowed: 'jpeg, png, webp' });
  }
}
