#!/usr/bin/env node
/**
 * Draws the Tierboard icon and writes every size the PWA manifest and the
 * browsers ask for:
 *
 *   public/icons/icon-192.png, icon-512.png   purpose "any": rounded slate tile
 *   public/icons/icon-maskable-512.png        purpose "maskable": full-bleed slate,
 *                                             bars inside the central 80 % safe zone
 *   public/apple-touch-icon.png (180)         full-bleed: iOS rounds the corners itself
 *   public/favicon.svg                        the same motif as vector
 *
 * The motif: three stacked bars of increasing width, green, amber and the
 * accent, like the tiers of a shop-floor board. Dependency-free on purpose
 * (node:zlib for the deflate, a hand-written PNG encoder), so it runs on a
 * fresh clone without installing an image library. Run: node scripts/make-icons.mjs
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

const SLATE = '#0f172a';
const GREEN = '#16a34a';
const AMBER = '#f59e0b';
/** The app's accent (sky-400): bright enough on slate to read across a shop floor. */
const ACCENT = '#38bdf8';

// ------------------------------------------------------------------ PNG encoder

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** RGBA pixels (width*height*4 bytes) -> PNG file bytes: 8-bit truecolour with alpha, no filtering. */
export function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering (we use filter 0 on every row)
  ihdr[12] = 0; // no interlace
  const raw = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ------------------------------------------------------------------ drawing

function hex(color) {
  const n = parseInt(color.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Inside a rounded rectangle (all in unit coordinates)? */
function inRoundRect(px, py, r) {
  const qx = Math.max(Math.abs(px - (r.x + r.w / 2)) - (r.w / 2 - r.radius), 0);
  const qy = Math.max(Math.abs(py - (r.y + r.h / 2)) - (r.h / 2 - r.radius), 0);
  return qx * qx + qy * qy <= r.radius * r.radius;
}

/**
 * The shapes in unit coordinates (0..1), back to front. `scale` shrinks the
 * bars around the centre; the maskable icon uses it to stay in the safe zone.
 */
export function iconShapes({ fullBleed, scale }) {
  const shapes = [{ x: 0, y: 0, w: 1, h: 1, radius: fullBleed ? 0 : 0.2, color: SLATE }];
  const W = 0.64 * scale;
  const H = 0.5 * scale;
  const barH = H * 0.24;
  const gap = (H - 3 * barH) / 2;
  const x0 = 0.5 - W / 2;
  const y0 = 0.5 - H / 2;
  [
    [0.46, GREEN],
    [0.73, AMBER],
    [1, ACCENT],
  ].forEach(([share, color], i) => {
    shapes.push({ x: x0, y: y0 + i * (barH + gap), w: W * share, h: barH, radius: barH * 0.3, color });
  });
  return shapes;
}

/** Rasterise with 4x4 supersampling so edges and round corners are smooth at 180 px too. */
function render(size, shapes) {
  const SS = 4;
  const out = Buffer.alloc(size * size * 4);
  const cols = shapes.map((s) => hex(s.color));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const px = (x + (sx + 0.5) / SS) / size;
          const py = (y + (sy + 0.5) / SS) / size;
          for (let i = shapes.length - 1; i >= 0; i--) {
            if (inRoundRect(px, py, shapes[i])) {
              const c = cols[i];
              r += c[0];
              g += c[1];
              b += c[2];
              a += 1;
              break;
            }
          }
        }
      }
      const o = (y * size + x) * 4;
      // Colours are averaged over covered samples only (straight alpha), so transparent corners stay un-darkened.
      out[o] = a ? Math.round(r / a) : 0;
      out[o + 1] = a ? Math.round(g / a) : 0;
      out[o + 2] = a ? Math.round(b / a) : 0;
      out[o + 3] = Math.round((a / (SS * SS)) * 255);
    }
  }
  return out;
}

function svg(shapes) {
  const n = (v) => +(v * 64).toFixed(2);
  const body = shapes
    .map((s) => `  <rect x="${n(s.x)}" y="${n(s.y)}" width="${n(s.w)}" height="${n(s.h)}" rx="${n(s.radius)}" fill="${s.color}"/>`)
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">\n  <title>Tierboard</title>\n${body}\n</svg>\n`;
}

// ------------------------------------------------------------------ outputs

/**
 * Maskable: launchers may crop to a circle of diameter 80 % of the icon.
 * At scale 0.85 the bars' bounding box is 0.544 x 0.425, half-diagonal 0.345,
 * inside the 0.4 safe radius with room to spare.
 */
const MASKABLE_SCALE = 0.85;

const outputs = [
  { file: 'public/icons/icon-192.png', size: 192, fullBleed: false, scale: 1 },
  { file: 'public/icons/icon-512.png', size: 512, fullBleed: false, scale: 1 },
  { file: 'public/icons/icon-maskable-512.png', size: 512, fullBleed: true, scale: MASKABLE_SCALE },
  { file: 'public/apple-touch-icon.png', size: 180, fullBleed: true, scale: 1 },
];

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const o of outputs) {
    const path = join(ROOT, o.file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, encodePng(o.size, o.size, render(o.size, iconShapes(o))));
    console.log(`wrote ${o.file} (${o.size}x${o.size})`);
  }
  writeFileSync(join(ROOT, 'public/favicon.svg'), svg(iconShapes({ fullBleed: false, scale: 1 })));
  console.log('wrote public/favicon.svg');
}
