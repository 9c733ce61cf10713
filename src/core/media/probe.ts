// What ffprobe says of a file: its streams, its duration. Refusals name what is wrong.
import { runTool, ToolError } from './tools.ts';

export interface ProbedStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  pix_fmt?: string;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  bit_rate?: string;
  disposition?: { attached_pic?: number };
}

export interface Probe {
  formatName: string;
  duration: number;
  bitRate: number | undefined;
  video: ProbedStream | undefined;
  audio: ProbedStream | undefined;
}

export class UnplayableMedia extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnplayableMedia';
  }
}

/** "30000/1001" → 29.97; undefined for "0/0" and nonsense. */
export function frameRate(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const [n, d] = value.split('/').map(Number);
  if (!n || !Number.isFinite(n)) return undefined;
  const fps = d ? n / d : n;
  return Number.isFinite(fps) && fps > 0 ? Math.round(fps * 100) / 100 : undefined;
}

export async function probe(ffprobe: string, path: string): Promise<Probe> {
  let out: string;
  try {
    out = await runTool(ffprobe, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path], { timeoutMs: 30_000 });
  } catch (error) {
    if (error instanceof ToolError) throw new UnplayableMedia('the file could not be read as audio or video');
    throw error;
  }
  const parsed = JSON.parse(out) as { streams?: ProbedStream[]; format?: { format_name?: string; duration?: string; bit_rate?: string } };
  const streams = parsed.streams ?? [];
  // A cover picture inside an audio file is not a video.
  const video = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  const audio = streams.find((s) => s.codec_type === 'audio');
  if (!video && !audio) throw new UnplayableMedia('the file has no audio or video stream');
  const duration = Number(parsed.format?.duration);
  const bitRate = Number(parsed.format?.bit_rate);
  return {
    formatName: parsed.format?.format_name ?? '',
    duration: Number.isFinite(duration) ? duration : 0,
    bitRate: Number.isFinite(bitRate) ? bitRate : undefined,
    video,
    audio,
  };
}
