// Media files the tests make themselves: sharp draws images (with EXIF GPS where asked), ffmpeg
// (the binary npm brings) makes video and audio.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { findMediaTools, runTool } from '../../src/core/media/tools.ts';

/** A photo-like JPEG (noise, so it does not compress to nothing) with a GPS position and a camera in its EXIF, stored rotated (orientation 6). */
export async function jpegWithGps(width = 1200, height = 800): Promise<Buffer> {
  const noise = await sharp({ create: { width, height, channels: 3, background: { r: 90, g: 140, b: 200 }, noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .jpeg({ quality: 90 })
    .toBuffer();
  return sharp(noise)
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Make: 'ParleyCam', Model: 'Test 1' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 2964/100', GPSLongitudeRef: 'E', GPSLongitude: '2/1 17/1 4050/100' } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

export function png(width = 320, height = 200, alpha = true): Promise<Buffer> {
  return sharp({ create: { width, height, channels: alpha ? 4 : 3, background: { r: 10, g: 200, b: 90, alpha: 0.5 } } })
    .png()
    .toBuffer();
}

/** A PNG whose header claims width × height (a decompression bomb's shape) over a tiny body. */
export function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([head, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(width + 1))), chunk('IEND', Buffer.alloc(0))]);
}

function crc32(bytes: Buffer): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c;
}

async function ffmpeg(args: string[], ext: string): Promise<Buffer> {
  const tools = findMediaTools({ ffmpeg: undefined, ffprobe: undefined });
  const dir = await mkdtemp(path.join(tmpdir(), 'parley-fixture-'));
  const out = path.join(dir, `out.${ext}`);
  try {
    await runTool(tools.ffmpeg, ['-v', 'error', ...args, '-y', out], { timeoutMs: 120_000 });
    return await readFile(out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const testsrc = (size: string, rate: number, seconds: number) => ['-f', 'lavfi', '-i', `testsrc=size=${size}:rate=${rate}:duration=${seconds}`];
const sine = (seconds: number) => ['-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`];

export const animatedGif = () => ffmpeg([...testsrc('160x120', 10, 1)], 'gif');
/** H.264/AAC with a recording place in its metadata. */
export const mp4 = (seconds = 2, size = '640x360') =>
  ffmpeg([...testsrc(size, 30, seconds), ...sine(seconds), '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', '-metadata', 'location=+48.8584+002.2945/'], 'mp4');
export const webm = (seconds = 2, size = '320x240') => ffmpeg([...testsrc(size, 25, seconds), ...sine(seconds), '-c:v', 'libvpx', '-b:v', '300k', '-c:a', 'libopus', '-shortest'], 'webm');
export const mp3 = (seconds = 2) => ffmpeg([...sine(seconds), '-c:a', 'libmp3lame', '-metadata', 'title=Secret'], 'mp3');
