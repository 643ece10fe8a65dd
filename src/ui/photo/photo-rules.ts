/**
 * What a photo from the tablet camera must be before it goes into an
 * escalation header, and how it is shrunk: pure size and type arithmetic,
 * no canvas, so every number here is unit tested.
 */
import { PHOTO_MAX } from '../../domain/records/json-schema.ts';

/**
 * Types the camera and gallery of the tablets in use hand over. HEIC/HEIF is
 * what iPads and many phones shoot; it is accepted here and decoded where the
 * browser can (Safari), otherwise the decode step says so in words.
 */
export const ACCEPTED_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'] as const;
const EXTENSION_TYPES: Record<string, (typeof ACCEPTED_PHOTO_TYPES)[number]> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
};

/**
 * A 48-megapixel phone photo is 8-12 MB as JPEG and up to about 14 MB as
 * HEIC at best quality; anything above 15 MB (decimal, as the tablet shows
 * file sizes) is no camera photo (a video, a raw file, a scan) and decoding
 * it would take a shared tablet's memory for seconds.
 */
export const MAX_INPUT_BYTES = 15_000_000;
/** Long side in px: a jammed clamp or a scratched part is recognisable at 1280 px on the 10-inch tablet and the wall screen. */
export const MAX_LONG_SIDE = 1280;
/** JPEG quality of the first try: 0.7 keeps text on labels readable at about a third of the size of 0.92 (browser default). */
export const START_QUALITY = 0.7;
/** Quality steps after the first, down to where JPEG blocks start hiding detail. */
const QUALITY_STEPS = [START_QUALITY, 0.55, 0.4] as const;
/** Long sides to fall back to when even the lowest quality is too big (busy scenes, noise in low light). */
const LONG_SIDES = [MAX_LONG_SIDE, 1024, 800, 640] as const;
/** The header's photo field cap (schemas: data URL characters). */
export const PHOTO_DATA_URL_MAX = PHOTO_MAX;

export type PhotoProblem =
  | { kind: 'wrong_type'; type: string }
  | { kind: 'too_large'; bytes: number }
  | { kind: 'unreadable' }
  | { kind: 'cannot_shrink' };

export interface PhotoFileInfo {
  name: string;
  type: string;
  size: number;
}

/** The file's image type: its MIME type, or, where the browser gives none (HEIC on some systems), its extension. */
export function photoTypeOf(file: Pick<PhotoFileInfo, 'name' | 'type'>): string {
  const type = file.type.toLowerCase();
  if (type !== '') return type;
  const ext = file.name.toLowerCase().split('.').pop() ?? '';
  return EXTENSION_TYPES[ext] ?? '';
}

/** Why the file cannot be used as a photo, or null. Type first: a PDF of 20 MB is the wrong thing, not too big. */
export function checkPhotoFile(file: PhotoFileInfo): PhotoProblem | null {
  const type = photoTypeOf(file);
  if (!(ACCEPTED_PHOTO_TYPES as readonly string[]).includes(type)) return { kind: 'wrong_type', type: type || file.name };
  if (file.size > MAX_INPUT_BYTES) return { kind: 'too_large', bytes: file.size };
  return null;
}

/** Size that fits the long side into `maxLongSide`, keeping the aspect ratio; never enlarges. Whole pixels, at least 1. */
export function fitWithin(width: number, height: number, maxLongSide: number): { width: number; height: number } {
  const long = Math.max(width, height);
  if (long <= maxLongSide) return { width: Math.max(1, Math.round(width)), height: Math.max(1, Math.round(height)) };
  const scale = maxLongSide / long;
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export interface EncodingAttempt {
  width: number;
  height: number;
  quality: number;
}

/**
 * The encodings to try, best first: each size at falling quality, then the
 * next smaller size. The first whose data URL fits PHOTO_MAX is kept. Sizes
 * that the source does not exceed are tried once (no enlarging, no repeats).
 */
export function encodingPlan(width: number, height: number): EncodingAttempt[] {
  const plan: EncodingAttempt[] = [];
  const seen = new Set<string>();
  for (const side of LONG_SIDES) {
    const size = fitWithin(width, height, side);
    const key = `${size.width}x${size.height}`;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const quality of QUALITY_STEPS) plan.push({ ...size, quality });
  }
  return plan;
}

/** Bytes of the image a base64 data URL holds (for "photo 184 kB"). */
export function dataUrlBytes(dataUrl: string): number {
  const comma = dataUrl.indexOf(',');
  const body = comma < 0 ? '' : dataUrl.slice(comma + 1);
  const padding = body.endsWith('==') ? 2 : body.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((body.length * 3) / 4) - padding);
}
