import { describe, expect, it } from 'vitest';
import { PHOTO_MAX } from '../../domain/records/schemas.ts';
import { checkPhotoFile, dataUrlBytes, encodingPlan, fitWithin, MAX_INPUT_BYTES, MAX_LONG_SIDE, PHOTO_DATA_URL_MAX, photoTypeOf, START_QUALITY } from './photo-rules.ts';

describe('photo type and size', () => {
  it('accepts camera photos (JPEG, PNG, WebP, HEIC) up to 15 MB', () => {
    for (const type of ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/HEIF']) {
      expect(checkPhotoFile({ name: 'x', type, size: MAX_INPUT_BYTES })).toBeNull();
    }
  });

  it('refuses other types, naming what was picked, before looking at the size', () => {
    expect(checkPhotoFile({ name: 'clip.mp4', type: 'video/mp4', size: 50_000_000 })).toEqual({ kind: 'wrong_type', type: 'video/mp4' });
    expect(checkPhotoFile({ name: 'drawing.svg', type: 'image/svg+xml', size: 10 })).toEqual({ kind: 'wrong_type', type: 'image/svg+xml' });
    expect(checkPhotoFile({ name: 'notes', type: '', size: 10 })).toEqual({ kind: 'wrong_type', type: 'notes' });
  });

  it('refuses a photo over 15 MB with its size', () => {
    expect(MAX_INPUT_BYTES).toBe(15_000_000);
    expect(checkPhotoFile({ name: 'big.jpg', type: 'image/jpeg', size: MAX_INPUT_BYTES + 1 })).toEqual({ kind: 'too_large', bytes: MAX_INPUT_BYTES + 1 });
  });

  it('falls back to the extension where the browser gives no type (HEIC on some systems)', () => {
    expect(photoTypeOf({ name: 'IMG_0042.HEIC', type: '' })).toBe('image/heic');
    expect(checkPhotoFile({ name: 'IMG_0042.HEIC', type: '', size: 3_000_000 })).toBeNull();
  });
});

describe('shrinking arithmetic', () => {
  it('fits the long side into 1280 px keeping the aspect ratio, in landscape and portrait, never enlarging', () => {
    expect(MAX_LONG_SIDE).toBe(1280);
    expect(fitWithin(4032, 3024, 1280)).toEqual({ width: 1280, height: 960 });
    expect(fitWithin(3024, 4032, 1280)).toEqual({ width: 960, height: 1280 });
    expect(fitWithin(8000, 10, 1280)).toEqual({ width: 1280, height: 2 });
    expect(fitWithin(640, 480, 1280)).toEqual({ width: 640, height: 480 });
  });

  it('tries JPEG 0.7 at 1280 px first, then lower quality, then smaller sizes', () => {
    const plan = encodingPlan(4000, 3000);
    expect(plan[0]).toEqual({ width: 1280, height: 960, quality: START_QUALITY });
    expect(START_QUALITY).toBe(0.7);
    expect(plan.slice(0, 4).map((a) => [a.width, a.quality])).toEqual([
      [1280, 0.7],
      [1280, 0.55],
      [1280, 0.4],
      [1024, 0.7],
    ]);
    const last = plan[plan.length - 1]!;
    expect(last).toEqual({ width: 640, height: 480, quality: 0.4 });
    // Quality falls within a size; the size never grows.
    for (let i = 1; i < plan.length; i++) expect(plan[i]!.width).toBeLessThanOrEqual(plan[i - 1]!.width);
  });

  it('does not repeat sizes for a small source', () => {
    const plan = encodingPlan(700, 500);
    expect(plan.map((a) => `${a.width}x${a.height}@${a.quality}`)).toEqual(['700x500@0.7', '700x500@0.55', '700x500@0.4', '640x457@0.7', '640x457@0.55', '640x457@0.4']);
  });

  it('the limit is the schema cap; data URL bytes count the decoded image', () => {
    expect(PHOTO_DATA_URL_MAX).toBe(PHOTO_MAX);
    expect(dataUrlBytes('data:image/jpeg;base64,QUJD')).toBe(3);
    expect(dataUrlBytes('data:image/jpeg;base64,QUI=')).toBe(2);
    expect(dataUrlBytes('data:image/jpeg;base64,QQ==')).toBe(1);
    expect(dataUrlBytes('')).toBe(0);
  });
});
