// Still images through sharp (libvips): oriented, stripped of every metadata (a photo's GPS position
// must never be served), scaled to the instance's limit, with a small preview and a blurhash.
import { encode } from 'blurhash';
import sharp, { type Sharp } from 'sharp';
import type { MediaMeta, MediaSize } from '../../store/schema/media.ts';
import { type ProcessedFile, writeProcessed } from './processed-files.ts';

export interface ImageLimits {
  maxInputPixels: number;
  imageMaxPixels: number;
}

/** An image encoded in memory, before it is written as a ProcessedFile. */
export interface EncodedImage {
  bytes: Buffer;
  ext: string;
}

export interface ProcessedMedia {
  type: 'image' | 'gifv' | 'video' | 'audio';
  file: ProcessedFile;
  preview: ProcessedFile | undefined;
  meta: MediaMeta;
  blurhash: string | undefined;
}

/** Mastodon's "small" size: about 640 × 360's worth of pixels. */
const PREVIEW_PIXELS = 230_400;

/** The image, refused unread when it has too many pixels (decompression bombs), failing on truncation. */
export function openImage(input: string | Buffer, limits: Pick<ImageLimits, 'maxInputPixels'>): Sharp {
  return sharp(input, { limitInputPixels: limits.maxInputPixels, failOn: 'truncated', sequentialRead: true });
}

/** Width and height scaled down (never up) to at most `pixels` pixels. */
export function fitPixels(width: number, height: number, pixels: number): { width: number; height: number } {
  if (width * height <= pixels) return { width, height };
  const scale = Math.sqrt(pixels / (width * height));
  return { width: Math.max(1, Math.floor(width * scale)), height: Math.max(1, Math.floor(height * scale)) };
}

export function sizeOf(width: number, height: number, extra: Partial<MediaSize> = {}): MediaSize {
  return { width, height, size: `${width}x${height}`, aspect: Math.round((width / height) * 1e6) / 1e6, ...extra };
}

/** The served format: PNG (screenshots, transparency) and GIF stay lossless PNG, WebP stays WebP, the rest becomes JPEG. */
function encodeAs(image: Sharp, format: string | undefined, alpha: boolean): { image: Sharp; ext: string } {
  if (format === 'webp') return { image: image.webp({ quality: 85 }), ext: 'webp' };
  if (alpha || format === 'png' || format === 'gif') return { image: image.png({ compressionLevel: 7 }), ext: 'png' };
  return { image: image.jpeg({ quality: 85 }), ext: 'jpg' };
}

/** A blurhash of the image (4 × 3 components, as Mastodon makes them). */
export async function blurhashOf(input: Buffer): Promise<string> {
  const { data, info } = await sharp(input).resize(32, 32, { fit: 'inside' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return encode(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height, 4, 3);
}

/** `image` (width × height) scaled to at most PREVIEW_PIXELS, its size for `meta.small`. */
async function smallOf(image: Sharp, width: number, height: number, alpha: boolean): Promise<{ file: EncodedImage; size: MediaSize }> {
  const fit = fitPixels(width, height, PREVIEW_PIXELS);
  const encoded = encodeAs(image.resize(fit.width, fit.height), undefined, alpha);
  const { data, info } = await encoded.image.toBuffer({ resolveWithObject: true });
  return { file: { bytes: data, ext: encoded.ext }, size: sizeOf(info.width, info.height) };
}

/** A preview of at most PREVIEW_PIXELS, its size for `meta.small`. */
export async function previewOf(input: Buffer, alpha: boolean): Promise<{ file: EncodedImage; size: MediaSize }> {
  const meta = await sharp(input).metadata();
  return smallOf(sharp(input), meta.width, meta.height, alpha);
}

/** What another server's picture is shown with here: a small preview, its blurhash, and the picture's own size. */
export interface ImagePreview {
  preview: ProcessedFile;
  meta: { original: MediaSize; small: MediaSize };
  blurhash: string;
}

/** A preview straight from the file, written to `dir` (another server's picture: only the preview is kept, not the picture). */
export async function previewImage(path: string, limits: Pick<ImageLimits, 'maxInputPixels'>, dir: string): Promise<ImagePreview> {
  const meta = await openImage(path, limits).metadata();
  const alpha = meta.hasAlpha === true && meta.format !== 'jpeg';
  const { width, height } = meta.autoOrient ?? { width: meta.width, height: meta.height };
  const small = await smallOf(openImage(path, limits).rotate(), width, height, alpha);
  return {
    preview: await writeProcessed(dir, 'preview', small.file.bytes, small.file.ext),
    meta: { original: sizeOf(width, height), small: small.size },
    blurhash: await blurhashOf(small.file.bytes),
  };
}

/** Processes a still image (an animated GIF goes to the video path as gifv before this); the results are written to `dir`. */
export async function processImage(path: string, limits: ImageLimits, dir: string): Promise<ProcessedMedia> {
  const meta = await openImage(path, limits).metadata();
  const alpha = meta.hasAlpha === true && meta.format !== 'jpeg';
  // rotate() with no angle applies the EXIF orientation; the output carries no metadata at all.
  const oriented = openImage(path, limits).rotate();
  const { width, height } = meta.autoOrient ?? { width: meta.width, height: meta.height };
  const fit = fitPixels(width, height, limits.imageMaxPixels);
  const encoded = encodeAs(fit.width < width ? oriented.resize(fit.width, fit.height) : oriented, meta.format, alpha);
  const { data, info } = await encoded.image.toBuffer({ resolveWithObject: true });
  const preview = await previewOf(data, alpha);
  return {
    type: 'image',
    file: await writeProcessed(dir, 'file', data, encoded.ext),
    preview: await writeProcessed(dir, 'preview', preview.file.bytes, preview.file.ext),
    meta: { original: sizeOf(info.width, info.height), small: preview.size },
    blurhash: await blurhashOf(preview.file.bytes),
  };
}

/** Frames in the image: more than one makes a GIF (or WebP) animated. */
export async function frameCount(path: string, limits: Pick<ImageLimits, 'maxInputPixels'>): Promise<number> {
  const meta = await openImage(path, limits).metadata();
  return meta.pages ?? 1;
}
