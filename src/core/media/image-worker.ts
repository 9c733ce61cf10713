// The image processing child process (see image-processes.ts): sharp runs here, at a lower CPU
// priority than the server, so a burst of uploads does not take the cores timeline reads need.
import { processImage, type ImageLimits, type ProcessedMedia } from './process-image.ts';

export interface ImageRequest {
  id: number;
  path: string;
  limits: ImageLimits;
  /** where the results are written */
  dir: string;
}

export type ImageReply = { id: number; ok: true; result: ProcessedMedia } | { id: number; ok: false; message: string };

process.on('message', (request: ImageRequest) => {
  processImage(request.path, request.limits, request.dir).then(
    (result) => process.send!({ id: request.id, ok: true, result } satisfies ImageReply),
    (error: unknown) => process.send!({ id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies ImageReply),
  );
});
// The server going away takes this process with it.
process.on('disconnect', () => process.exit(0));
