import { describe, expect, it } from 'vitest';
import type { DecodedPhoto, PhotoDecoder } from './photo-shrink.ts';
import { preparePhoto } from './photo-shrink.ts';

/**
 * A stand-in for the canvas whose JPEG size follows pixels x quality, so the
 * stepping logic meets the sizes a real camera photo gives.
 */
function fakeDecoder(width: number, height: number, charsPerPixelAtFullQuality: number, log: string[] = []): PhotoDecoder & { released: number } {
  const d = {
    released: 0,
    decode: async (): Promise<DecodedPhoto> => ({
      width,
      height,
      toJpeg(w: number, h: number, q: number) {
        log.push(`${w}x${h}@${q}`);
        return `data:image/jpeg;base64,${'A'.repeat(Math.round(w * h * q * charsPerPixelAtFullQuality))}`;
      },
      release: () => {
        d.released += 1;
      },
    }),
  };
  return d;
}

const photo = (type = 'image/jpeg', size = 4_000_000) => {
  const f = new File(['x'], 'IMG_1.jpg', { type });
  Object.defineProperty(f, 'size', { value: size });
  return f;
};

describe('preparing a photo', () => {
  it('keeps the first encoding that fits: 1280 px at 0.7 for an ordinary photo', async () => {
    const log: string[] = [];
    const decoder = fakeDecoder(4032, 3024, 0.25, log);
    const result = await preparePhoto(photo(), decoder);
    expect(result).toMatchObject({ ok: true, width: 1280, height: 960 });
    expect(log).toEqual(['1280x960@0.7']);
    expect(decoder.released).toBe(1);
  });

  it('steps quality, then size, down until the data URL is under the cap', async () => {
    const log: string[] = [];
    // 1280x960 at 0.7 gives 430k characters: over the 400k cap.
    const result = await preparePhoto(photo(), fakeDecoder(4032, 3024, 0.5, log), 400_000);
    expect(log).toEqual(['1280x960@0.7', '1280x960@0.55']);
    expect(result.ok && result.dataUrl.length).toBeLessThanOrEqual(400_000);
    const log2: string[] = [];
    const result2 = await preparePhoto(photo(), fakeDecoder(4032, 3024, 1.2, log2), 400_000);
    // 1024x768 at 0.4 is 377k characters: the first that fits.
    expect(log2).toEqual(['1280x960@0.7', '1280x960@0.55', '1280x960@0.4', '1024x768@0.7', '1024x768@0.55', '1024x768@0.4']);
    expect(result2).toMatchObject({ ok: true, width: 1024, height: 768 });
  });

  it('says so when nothing fits, and frees the pixels', async () => {
    const decoder = fakeDecoder(4032, 3024, 50);
    expect(await preparePhoto(photo(), decoder, 400_000)).toEqual({ ok: false, problem: { kind: 'cannot_shrink' } });
    expect(decoder.released).toBe(1);
  });

  it('refuses wrong type and oversize files before decoding anything', async () => {
    let decoded = 0;
    const decoder: PhotoDecoder = {
      decode: async () => {
        decoded += 1;
        throw new Error('should not decode');
      },
    };
    expect(await preparePhoto(photo('application/pdf'), decoder)).toEqual({ ok: false, problem: { kind: 'wrong_type', type: 'application/pdf' } });
    expect(await preparePhoto(photo('image/jpeg', 16 * 1024 * 1024), decoder)).toEqual({ ok: false, problem: { kind: 'too_large', bytes: 16 * 1024 * 1024 } });
    expect(decoded).toBe(0);
  });

  it('a photo the browser cannot read (HEIC without HEIC support) is "unreadable"', async () => {
    const decoder: PhotoDecoder = { decode: () => Promise.reject(new Error('InvalidStateError')) };
    expect(await preparePhoto(photo('image/heic'), decoder)).toEqual({ ok: false, problem: { kind: 'unreadable' } });
  });

  it('a canvas that answers PNG instead of JPEG is not accepted as JPEG', async () => {
    const decoder: PhotoDecoder = {
      decode: async () => ({ width: 10, height: 10, toJpeg: () => 'data:image/png;base64,AAAA', release: () => undefined }),
    };
    expect(await preparePhoto(photo(), decoder)).toEqual({ ok: false, problem: { kind: 'unreadable' } });
  });
});
