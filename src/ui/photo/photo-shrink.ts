/**
 * Turning a camera file into the header's photo: check, decode, shrink with
 * a canvas, step the quality (then the size) down until the data URL fits.
 * The canvas sits behind `PhotoDecoder` so the stepping is tested without a
 * browser; `canvasDecoder` is the real one.
 */
import { checkPhotoFile, encodingPlan, PHOTO_DATA_URL_MAX, type PhotoProblem } from './photo-rules.ts';

export interface DecodedPhoto {
  width: number;
  height: number;
  /** A JPEG data URL of the photo drawn at this size and quality. */
  toJpeg(width: number, height: number, quality: number): string;
  /** Frees the decoded pixels (tens of MB for a phone photo). */
  release(): void;
}

export interface PhotoDecoder {
  /** Rejects when the browser cannot read the image (a HEIC on a browser without HEIC, a broken file). */
  decode(file: Blob): Promise<DecodedPhoto>;
}

export type PreparedPhoto =
  | { ok: true; dataUrl: string; width: number; height: number }
  | { ok: false; problem: PhotoProblem };

export async function preparePhoto(file: File, decoder: PhotoDecoder, maxChars = PHOTO_DATA_URL_MAX): Promise<PreparedPhoto> {
  const problem = checkPhotoFile(file);
  if (problem) return { ok: false, problem };
  let image: DecodedPhoto;
  try {
    image = await decoder.decode(file);
  } catch {
    return { ok: false, problem: { kind: 'unreadable' } };
  }
  try {
    if (!(image.width > 0 && image.height > 0)) return { ok: false, problem: { kind: 'unreadable' } };
    for (const attempt of encodingPlan(image.width, image.height)) {
      const dataUrl = image.toJpeg(attempt.width, attempt.height, attempt.quality);
      // A canvas that cannot encode JPEG answers with PNG: larger, and not what the header promises.
      if (!dataUrl.startsWith('data:image/jpeg;base64,')) return { ok: false, problem: { kind: 'unreadable' } };
      if (dataUrl.length <= maxChars) return { ok: true, dataUrl, width: attempt.width, height: attempt.height };
    }
    return { ok: false, problem: { kind: 'cannot_shrink' } };
  } catch {
    // The canvas itself failed (no 2D context, out of memory on a huge photo): the person can take another.
    return { ok: false, problem: { kind: 'unreadable' } };
  } finally {
    image.release();
  }
}

/** The browser's decoder: createImageBitmap (honours the camera's orientation), drawn on a canvas. */
export const canvasDecoder: PhotoDecoder = {
  async decode(file) {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    return {
      width: bitmap.width,
      height: bitmap.height,
      toJpeg(width, height, quality) {
        const canvas = document.createElement('canvas');
        canvas.width = width;
        canvas.height = height;
        const ctx = canvas.getContext('2d');
        if (!ctx) throw new Error('No 2D canvas');
        ctx.drawImage(bitmap, 0, 0, width, height);
        return canvas.toDataURL('image/jpeg', quality);
      },
      release: () => bitmap.close(),
    };
  },
};
