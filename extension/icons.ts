// The extension's icons (16, 32, 48, 128 px), drawn here and written as PNGs by the build, so the
// repository holds no binary art: a rounded violet square with three white bars of a stream.
import { deflateSync, crc32 } from "node:zlib";

export const ICON_SIZES = [16, 32, 48, 128] as const;

/** RGBA pixels of the icon at `size`, with edges antialiased by 4×4 supersampling. */
export function drawIcon(size: number): Uint8Array {
  const px = new Uint8Array(size * size * 4);
  const radius = 0.22;
  // Bars in unit coordinates: x from, x to, y from, y to.
  const bars = [
    [0.22, 0.34, 0.42, 0.78],
    [0.44, 0.56, 0.22, 0.78],
    [0.66, 0.78, 0.52, 0.78],
  ];
  const inRounded = (x: number, y: number) => {
    const cx = Math.min(Math.max(x, radius), 1 - radius);
    const cy = Math.min(Math.max(y, radius), 1 - radius);
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
  };
  const inBar = (x: number, y: number) => bars.some(([x0, x1, y0, y1]) => x >= x0 && x <= x1 && y >= y0 && y <= y1);
  const n = 4;
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      let bg = 0;
      let fg = 0;
      for (let sj = 0; sj < n; sj++) {
        for (let si = 0; si < n; si++) {
          const x = (i + (si + 0.5) / n) / size;
          const y = (j + (sj + 0.5) / n) / size;
          if (!inRounded(x, y)) continue;
          if (inBar(x, y)) fg++;
          else bg++;
        }
      }
      const cover = (bg + fg) / (n * n);
      const mix = bg + fg ? fg / (bg + fg) : 0;
      const o = (j * size + i) * 4;
      // violet #5b3cc4 behind white bars
      px[o] = Math.round(0x5b + (255 - 0x5b) * mix);
      px[o + 1] = Math.round(0x3c + (255 - 0x3c) * mix);
      px[o + 2] = Math.round(0xc4 + (255 - 0xc4) * mix);
      px[o + 3] = Math.round(255 * cover);
    }
  }
  return px;
}

/** A minimal PNG (8-bit RGBA, no filtering) of `size`×`size` pixels. */
export function encodePng(size: number, rgba: Uint8Array): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    Buffer.from(rgba.buffer, rgba.byteOffset + y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

export const iconPath = (size: number) => `icons/icon-${size}.png`;
