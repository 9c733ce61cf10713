// ffmpeg and ffprobe: the binaries npm brings (@ffmpeg-installer, @ffprobe-installer), or the ones
// PARLEY_FFMPEG / PARLEY_FFPROBE name.
import { spawn } from 'node:child_process';
import { accessSync, chmodSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { setPriority } from 'node:os';

const require = createRequire(import.meta.url);

export interface MediaTools {
  ffmpeg: string;
  ffprobe: string;
}

/** npm may not run the packages' install scripts, which only make the binaries executable. */
function executable(path: string): string {
  try {
    accessSync(path, constants.X_OK);
  } catch {
    chmodSync(path, 0o755);
  }
  return path;
}

export function findMediaTools(configured: { ffmpeg: string | undefined; ffprobe: string | undefined }): MediaTools {
  const ffmpeg = configured.ffmpeg ?? executable((require('@ffmpeg-installer/ffmpeg') as { path: string }).path);
  const ffprobe = configured.ffprobe ?? executable((require('@ffprobe-installer/ffprobe') as { path: string }).path);
  return { ffmpeg, ffprobe };
}

export class ToolError extends Error {
  readonly stderr: string;
  constructor(message: string, stderr: string) {
    super(message);
    this.name = 'ToolError';
    this.stderr = stderr;
  }
}

/** Runs a tool to completion; its output as text, or ToolError with the end of what it said. */
export function runTool(path: string, args: string[], options: { timeoutMs: number }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    // Below the server's priority: transcoding takes what requests leave.
    try {
      if (child.pid) setPriority(child.pid, 10);
    } catch {
      // not allowed: it runs at the same priority
    }
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      if (out.length < 4 * 1024 * 1024) out += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      err = (err + d).slice(-8192);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new ToolError(`${path} could not run: ${e.message}`, ''));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new ToolError(signal ? `${path} was stopped (${signal})` : `${path} exited with ${code}`, err));
    });
  });
}
