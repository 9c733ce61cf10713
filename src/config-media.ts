// Media settings: limits (the instance entity states them to clients), processing bounds, storage.
import path from 'node:path';
import { z } from 'zod';

const MiB = 1024 * 1024;
const positiveInt = z.coerce.number().int().positive();

export interface MediaConfig {
  /** uploads larger than these are refused before any work is spent */
  imageMaxBytes: number;
  videoMaxBytes: number;
  /** the largest picture fetched from another server to make its local preview (larger ones are shown from their server) */
  remoteMaxBytes: number;
  /** images with more pixels than this are refused unread (decompression bombs) */
  maxInputPixels: number;
  /** served images are scaled down to at most this many pixels */
  imageMaxPixels: number;
  /** served videos are scaled down to at most this many pixels (1080p by default) */
  videoMaxPixels: number;
  videoMaxSeconds: number;
  videoMaxFps: number;
  /** processing jobs run at once in one worker process */
  imageConcurrency: number;
  videoConcurrency: number;
  ffmpeg: string | undefined;
  ffprobe: string | undefined;
  storage:
    | { kind: 'fs'; dir: string }
    | { kind: 's3'; bucket: string; endpoint: string | undefined; region: string; accessKeyId: string | undefined; secretAccessKey: string | undefined; forcePathStyle: boolean };
  /** where served files are reached (a CDN in front, or the bucket); default: `<origin>/media` */
  publicBaseUrl: string;
  /** where upload bodies are written as they arrive (on this machine, whatever the storage) */
  uploadDir: string;
}

export const mediaEnv = {
  PARLEY_MEDIA_IMAGE_MAX_BYTES: positiveInt.default(16 * MiB),
  PARLEY_MEDIA_VIDEO_MAX_BYTES: positiveInt.default(99 * MiB),
  PARLEY_MEDIA_REMOTE_MAX_BYTES: positiveInt.default(16 * MiB),
  PARLEY_MEDIA_MAX_INPUT_PIXELS: positiveInt.default(100_000_000),
  PARLEY_MEDIA_IMAGE_MAX_PIXELS: positiveInt.default(3840 * 2160),
  PARLEY_MEDIA_VIDEO_MAX_PIXELS: positiveInt.default(1920 * 1080),
  PARLEY_MEDIA_VIDEO_MAX_SECONDS: positiveInt.default(600),
  PARLEY_MEDIA_VIDEO_MAX_FPS: positiveInt.default(60),
  PARLEY_MEDIA_IMAGE_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  PARLEY_MEDIA_VIDEO_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  PARLEY_FFMPEG: z.string().min(1).optional(),
  PARLEY_FFPROBE: z.string().min(1).optional(),
  PARLEY_MEDIA_STORAGE: z.enum(['fs', 's3']).default('fs'),
  PARLEY_MEDIA_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  PARLEY_S3_BUCKET: z.string().min(1).optional(),
  PARLEY_S3_ENDPOINT: z.url().optional(),
  PARLEY_S3_REGION: z.string().min(1).default('us-east-1'),
  PARLEY_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  PARLEY_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  PARLEY_S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .default(true),
};

type MediaEnv = z.infer<z.ZodObject<typeof mediaEnv>>;

/** The media part of the configuration; the problems it finds are returned for ConfigError. */
export function mediaConfig(e: MediaEnv, origin: string, dataDir: string): MediaConfig | string[] {
  if (e.PARLEY_MEDIA_STORAGE === 's3' && !e.PARLEY_S3_BUCKET) return ['PARLEY_S3_BUCKET: required when PARLEY_MEDIA_STORAGE=s3'];
  const storage: MediaConfig['storage'] =
    e.PARLEY_MEDIA_STORAGE === 's3'
      ? {
          kind: 's3',
          bucket: e.PARLEY_S3_BUCKET!,
          endpoint: e.PARLEY_S3_ENDPOINT,
          region: e.PARLEY_S3_REGION,
          accessKeyId: e.PARLEY_S3_ACCESS_KEY_ID,
          secretAccessKey: e.PARLEY_S3_SECRET_ACCESS_KEY,
          forcePathStyle: e.PARLEY_S3_FORCE_PATH_STYLE,
        }
      : { kind: 'fs', dir: path.join(dataDir, 'media') };
  return {
    imageMaxBytes: e.PARLEY_MEDIA_IMAGE_MAX_BYTES,
    videoMaxBytes: e.PARLEY_MEDIA_VIDEO_MAX_BYTES,
    remoteMaxBytes: e.PARLEY_MEDIA_REMOTE_MAX_BYTES,
    maxInputPixels: e.PARLEY_MEDIA_MAX_INPUT_PIXELS,
    imageMaxPixels: e.PARLEY_MEDIA_IMAGE_MAX_PIXELS,
    videoMaxPixels: e.PARLEY_MEDIA_VIDEO_MAX_PIXELS,
    videoMaxSeconds: e.PARLEY_MEDIA_VIDEO_MAX_SECONDS,
    videoMaxFps: e.PARLEY_MEDIA_VIDEO_MAX_FPS,
    imageConcurrency: e.PARLEY_MEDIA_IMAGE_CONCURRENCY,
    videoConcurrency: e.PARLEY_MEDIA_VIDEO_CONCURRENCY,
    ffmpeg: e.PARLEY_FFMPEG,
    ffprobe: e.PARLEY_FFPROBE,
    storage,
    publicBaseUrl: (e.PARLEY_MEDIA_BASE_URL ?? `${origin}/media`).replace(/\/+$/, ''),
    uploadDir: path.join(dataDir, 'uploads'),
  };
}
