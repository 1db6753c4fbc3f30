// Generates the add-in icons (assets/icon-16.png … icon-128.png) with Node's built-in zlib only.
// Design: a rounded dark-teal (#0F6C5C) square with three ascending white bars (a bar chart).
// Usage: node scripts/make-icons.mjs
import { deflateSync } from "node:zlib";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const SIZES = [16, 32, 64, 80, 128];
const TEAL = [0x0f, 0x6c, 0x5c];
const BAR = [0xff, 0xff, 0xff];
const SUPERSAMPLE = 4; // 4×4 samples per pixel for anti-aliased rounded corners

// ---- PNG encoding -------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const out = Buffer.alloc(8 + data.length + 4);
  out.writeUInt32BE(data.length, 0);
  typeAndData.copy(out, 4);
  out.writeUInt32BE(crc32(typeAndData), 8 + data.length);
  return out;
}

/** rgba: Uint8Array of width*height*4 bytes, non-premultiplied RGBA. */
function encodePng(width, height, rgba) {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: truecolour with alpha
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type None
    Buffer.from(rgba.buffer, rgba.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  return Buffer.concat([
    signature,
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// ---- Drawing --------------------------------------------------------------------------------

function insideRoundedRect(x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x >= x1 || y < y0 || y >= y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  const dx = x - cx;
  const dy = y - cy;
  return dx * dx + dy * dy <= r * r;
}

/** Bar rectangles snapped to whole pixels so the bars stay crisp at 16×16. */
function barLayout(size) {
  // An even bar width keeps the group exactly centred on the (even-sized) canvas.
  const barW = 2 * Math.max(1, Math.round(size * 0.08));
  const gap = Math.max(2, Math.round(size * 0.07));
  const total = 3 * barW + 2 * gap;
  const left = Math.floor((size - total) / 2);
  const heights = [0.22, 0.37, 0.54].map((h) => Math.max(2, Math.round(size * h)));
  const bottom = Math.round((size + heights[2]) / 2); // tallest bar centred vertically
  return heights.map((h, i) => {
    const x0 = left + i * (barW + gap);
    return { x0, x1: x0 + barW, y0: bottom - h, y1: bottom, r: size >= 64 ? size * 0.02 : 0 };
  });
}

function drawIcon(size) {
  const rgba = new Uint8Array(size * size * 4);
  const radius = size * 0.2;
  const bars = barLayout(size);
  const n = SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = px + (sx + 0.5) / n;
          const y = py + (sy + 0.5) / n;
          if (!insideRoundedRect(x, y, 0, 0, size, size, radius)) continue;
          if (bars.some((b) => insideRoundedRect(x, y, b.x0, b.y0, b.x1, b.y1, b.r))) fg++;
          else bg++;
        }
      }
      const covered = bg + fg;
      const i = (py * size + px) * 4;
      if (covered === 0) continue; // fully transparent
      for (let c = 0; c < 3; c++) {
        rgba[i + c] = Math.round((TEAL[c] * bg + BAR[c] * fg) / covered);
      }
      rgba[i + 3] = Math.round((255 * covered) / (n * n));
    }
  }
  return rgba;
}

// ---- Main -------------------------------------------------------------------------------------

const assetsDir = join(dirname(fileURLToPath(import.meta.url)), "..", "assets");
mkdirSync(assetsDir, { recursive: true });
for (const size of SIZES) {
  const file = join(assetsDir, `icon-${size}.png`);
  const png = encodePng(size, size, drawIcon(size));
  writeFileSync(file, png);
  console.log(`wrote ${file} (${size}×${size}, ${png.length} bytes)`);
}
