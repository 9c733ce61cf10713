// Images processed in a child process at the lowest priority (nice 19: reads come first, image work
// takes what CPU they leave; see BENCHMARKS' media rows): the same processImage, run
// where the kernel gives the server's requests precedence. test/core/media-processing.test.ts checks
// that both give the same bytes.
import { fork, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
import type { ImageReply, ImageResult, ImageTask } from './image-worker.ts';
import type { ImageLimits, ImagePreview, ProcessedMedia } from './process-image.ts';

const WORKER = new URL('./image-worker.ts', import.meta.url);
export const MEDIA_NICENESS = 19;

/** The image's own fault (unreadable, truncated, too many pixels): not worth trying again. */
export class ImageRefused extends Error {}

export interface ImageProcesses {
  /** results are written to `dir` */
  process(path: string, limits: ImageLimits, dir: string): Promise<ProcessedMedia>;
  /** another server's picture: its preview (written to `dir`) and blurhash only */
  preview(path: string, limits: ImageLimits, dir: string): Promise<ImagePreview>;
  stop(): void;
}

export function createImageProcesses(): ImageProcesses {
  let child: ChildProcess | undefined;
  let next = 0;
  const waiting = new Map<number, { resolve: (r: ImageResult) => void; reject: (e: Error) => void }>();

  function start(): ChildProcess {
    const c = fork(WORKER, [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    try {
      if (c.pid) setPriority(c.pid, MEDIA_NICENESS);
    } catch {
      // not allowed to lower it: it still works, at the same priority
    }
    c.on('message', (reply: ImageReply) => {
      const w = waiting.get(reply.id);
      if (!w) return;
      waiting.delete(reply.id);
      if (reply.ok) w.resolve(reply.result);
      else w.reject(new ImageRefused(reply.message));
    });
    c.on('exit', () => {
      if (child === c) child = undefined;
      // Work it held is tried again by its job.
      for (const w of waiting.values()) w.reject(new Error('the image process ended'));
      waiting.clear();
    });
    c.unref();
    c.channel?.unref();
    return c;
  }

  function run(task: ImageTask, path: string, limits: ImageLimits, dir: string): Promise<ImageResult> {
    child ??= start();
    const id = next++;
    return new Promise<ImageResult>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      child!.channel?.ref();
      child!.send({ id, task, path, limits, dir }, (error) => {
        if (error) reject(error);
      });
    }).finally(() => {
      if (waiting.size === 0) child?.channel?.unref();
    });
  }

  return {
    process: (path, limits, dir) => run('process', path, limits, dir) as Promise<ProcessedMedia>,
    preview: (path, limits, dir) => run('preview', path, limits, dir) as Promise<ImagePreview>,
    stop() {
      child?.kill();
      child = undefined;
    },
  };
}
