// The media storage the configuration names, and the job pools that process media.
import type { MediaConfig } from '../config-media.ts';
import type { MediaStorage } from '../core/media/storage.ts';
import { createFsMediaStorage } from './media-fs.ts';
import { createS3MediaStorage } from './media-s3.ts';

export function createMediaStorage(config: MediaConfig): MediaStorage {
  if (config.storage.kind === 's3') return createS3MediaStorage(config.storage);
  return createFsMediaStorage(config.storage.dir);
}

/**
 * Images and videos each in a pool of their own, so a burst of one cannot starve the other or the
 * rest; previews of other servers' pictures share the images' pool (the same image process).
 */
export function mediaPools(config: { media: MediaConfig }): { tasks: ('media.image' | 'media.video' | 'media.remote')[]; concurrency: number }[] {
  return [
    { tasks: ['media.image', 'media.remote'], concurrency: config.media.imageConcurrency },
    { tasks: ['media.video'], concurrency: config.media.videoConcurrency },
  ];
}
