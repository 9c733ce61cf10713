// The image processing child process (see image-processes.ts): sharp runs here, at a lower CPU
// priority than the server, so a burst of uploads does not take the cores timeline reads need.
import { previewImage, processImage, type ImageLimits, type ImagePreview, type ProcessedMedia } from './process-image.ts';

/** `process`: an upload, made ready to serve; `preview`: another server's picture, previewed only. */
export type ImageTask = 'process' | 'preview';

export interface ImageRequest {
  id: number;
  task: ImageTask;
  path: string;
  limits: ImageLimits;
  /** where the results are written */
  dir: string;
}

export type ImageResult = ProcessedMedia | ImagePreview;

export type ImageReply = { id: number; ok: true; result: ImageResult } | { id: number; ok: false; message: string };

process.on('message', (request: ImageRequest) => {
  const work = request.task === 'preview' ? previewImage(request.path, request.limits, request.dir) : processImage(request.path, request.limits, request.dir);
  work.then(
    (result) => process.send!({ id: request.id, ok: true, result } satisfies ImageReply),
    (error: unknown) => process.send!({ id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies ImageReply),
  );
});
// The server going away takes this process with it.
process.on('disconnect', () => process.exit(0));
