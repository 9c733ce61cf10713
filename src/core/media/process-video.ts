// Video, animated GIFs and audio through ffmpeg: probed first, then remuxed when already playable
// everywhere (H.264/AAC in MP4, MP3), else transcoded within the instance's bounds. Metadata (a
// phone's recording place among it) is dropped either way.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { blurhashOf, fitPixels, previewOf, sizeOf, type ProcessedMedia } from './process-image.ts';
import { processedFile, writeProcessed } from './processed-files.ts';
import { frameRate, probe, UnplayableMedia, type Probe } from './probe.ts';
import { runTool, type MediaTools } from './tools.ts';

export interface VideoLimits {
  videoMaxPixels: number;
  videoMaxSeconds: number;
  videoMaxFps: number;
}

/** the highest bitrate served as is; above it a video is transcoded */
const MAX_PASSTHROUGH_BITS = 8_000_000;
const TRANSCODE_TIMEOUT_MS = 30 * 60_000;

function checkDuration(p: Probe, limits: VideoLimits): void {
  if (p.duration > limits.videoMaxSeconds) throw new UnplayableMedia(`the file lasts ${Math.round(p.duration)} s, more than the ${limits.videoMaxSeconds} s allowed`);
}

function playableAsIs(p: Probe, limits: VideoLimits): boolean {
  const v = p.video;
  if (!v || !p.formatName.includes('mp4')) return false;
  const fps = frameRate(v.avg_frame_rate) ?? 0;
  return (
    v.codec_name === 'h264' &&
    v.pix_fmt === 'yuv420p' &&
    (!p.audio || p.audio.codec_name === 'aac') &&
    (v.width ?? 0) * (v.height ?? 0) <= limits.videoMaxPixels &&
    fps <= limits.videoMaxFps &&
    (p.bitRate ?? 0) <= MAX_PASSTHROUGH_BITS
  );
}

function videoArgs(p: Probe, limits: VideoLimits, silent: boolean): string[] {
  const v = p.video!;
  const fit = fitPixels(v.width ?? 0, v.height ?? 0, limits.videoMaxPixels);
  // H.264 in 4:2:0 needs even sides.
  const scale = `scale=${2 * Math.floor(fit.width / 2)}:${2 * Math.floor(fit.height / 2)}`;
  const fps = frameRate(v.avg_frame_rate) ?? frameRate(v.r_frame_rate);
  const args = ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-maxrate', '5M', '-bufsize', '10M', '-pix_fmt', 'yuv420p', '-vf', scale];
  if (fps && fps > limits.videoMaxFps) args.push('-r', String(limits.videoMaxFps));
  return [...args, ...(silent || !p.audio ? ['-an'] : ['-c:a', 'aac', '-b:a', '128k'])];
}

async function poster(tools: MediaTools, video: string, dir: string, duration: number): Promise<Buffer> {
  const out = path.join(dir, 'poster.png');
  const at = Math.min(1, duration / 2).toFixed(2);
  await runTool(tools.ffmpeg, ['-v', 'error', '-ss', at, '-i', video, '-frames:v', '1', '-y', out], { timeoutMs: 60_000 });
  return readFile(out);
}

/** A video, or an animated GIF (`gifv`: a silent looping MP4), into a playable MP4 with its poster. */
export async function processVideo(tools: MediaTools, input: string, dir: string, limits: VideoLimits, gifv: boolean): Promise<ProcessedMedia> {
  const p = await probe(tools.ffprobe, input);
  if (!p.video) return processAudio(tools, input, dir, limits, p);
  checkDuration(p, limits);
  const out = path.join(dir, 'out.mp4');
  const codec = !gifv && playableAsIs(p, limits) ? ['-c', 'copy'] : videoArgs(p, limits, gifv);
  await runTool(tools.ffmpeg, ['-v', 'error', '-i', input, '-map', '0:v:0', ...(gifv ? [] : ['-map', '0:a:0?']), '-map_metadata', '-1', ...codec, '-movflags', '+faststart', '-y', out], {
    timeoutMs: TRANSCODE_TIMEOUT_MS,
  });
  const served = await probe(tools.ffprobe, out);
  const frame = await poster(tools, out, dir, served.duration);
  const preview = await previewOf(frame, false);
  const v = served.video!;
  const fps = frameRate(v.avg_frame_rate);
  const duration = Math.round(served.duration * 1000) / 1000;
  return {
    type: gifv ? 'gifv' : 'video',
    file: await processedFile(out, 'mp4'),
    preview: await writeProcessed(dir, 'preview', preview.file.bytes, preview.file.ext),
    meta: {
      original: sizeOf(v.width ?? 0, v.height ?? 0, { duration, frame_rate: v.avg_frame_rate, bitrate: served.bitRate }),
      small: preview.size,
      duration,
      ...(fps ? { fps } : {}),
    },
    blurhash: await blurhashOf(preview.file.bytes),
  };
}

/** Audio into MP3 (an MP3 is only stripped of its tags and cover). */
export async function processAudio(tools: MediaTools, input: string, dir: string, limits: VideoLimits, known?: Probe): Promise<ProcessedMedia> {
  const p = known ?? (await probe(tools.ffprobe, input));
  if (!p.audio) throw new UnplayableMedia('the file has no audio stream');
  checkDuration(p, limits);
  const out = path.join(dir, 'out.mp3');
  const codec = p.audio.codec_name === 'mp3' && p.formatName === 'mp3' ? ['-c:a', 'copy'] : ['-c:a', 'libmp3lame', '-b:a', '192k'];
  await runTool(tools.ffmpeg, ['-v', 'error', '-i', input, '-map', '0:a:0', '-map_metadata', '-1', ...codec, '-y', out], { timeoutMs: TRANSCODE_TIMEOUT_MS });
  const served = await probe(tools.ffprobe, out);
  const duration = Math.round(served.duration * 1000) / 1000;
  return {
    type: 'audio',
    file: await processedFile(out, 'mp3'),
    preview: undefined,
    meta: { original: { duration, bitrate: served.bitRate }, duration },
    blurhash: undefined,
  };
}
