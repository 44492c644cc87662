// Draws the extension icon (128×128): a dark tile with a bracketed section header
// and three key=value bars — a config file at a glance. Run once; the PNGs are committed.
// Usage: node scripts/make-icon.mjs [OUT.png] [R,G,B]  (the accent colour tells the languages apart)
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const size = 128;
const px = Buffer.alloc(size * size * 4);
const set = (x, y, [r, g, b, a = 255]) => {
  const i = (y * size + x) * 4;
  px[i] = r;
  px[i + 1] = g;
  px[i + 2] = b;
  px[i + 3] = a;
};
const rect = (x0, y0, w, h, c) => {
  for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) set(x, y, c);
};
const radius = 22;
for (let y = 0; y < size; y++)
  for (let x = 0; x < size; x++) {
    const dx = Math.max(radius - x, x - (size - 1 - radius), 0);
    const dy = Math.max(radius - y, y - (size - 1 - radius), 0);
    if (dx * dx + dy * dy <= radius * radius) set(x, y, [24, 32, 48]);
  }
const accent = (process.argv[3] ?? "94,200,160").split(",").map(Number);
const light = [220, 228, 240];
// [ section ]
rect(22, 22, 5, 24, accent);
rect(22, 22, 12, 5, accent);
rect(22, 41, 12, 5, accent);
rect(40, 31, 40, 6, light);
rect(101, 22, 5, 24, accent);
rect(94, 22, 12, 5, accent);
rect(94, 41, 12, 5, accent);
// key=value lines
for (const [y, key, value] of [
  [62, 30, 50],
  [80, 40, 36],
  [98, 24, 58],
]) {
  rect(22, y, key, 6, accent);
  rect(26 + key, y + 1, 6, 2, light);
  rect(26 + key, y + 3, 6, 2, light);
  rect(36 + key, y, value, 6, light);
}

const raw = Buffer.alloc(size * (size * 4 + 1));
for (let y = 0; y < size; y++) px.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const sum = Buffer.alloc(4);
  sum.writeUInt32BE(crc(body));
  return Buffer.concat([len, body, sum]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header[8] = 8;
header[9] = 6;
writeFileSync(
  process.argv[2] ?? "images/icon.png",
  Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]),
);
