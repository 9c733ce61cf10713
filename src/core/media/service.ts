// Media: uploads, their processing, the uploader's verbs and the clean-up, behind one facade.
import type { MediaConfig } from '../../config-media.ts';
import type { Bus } from '../../infra/bus.ts';
import type { Db } from '../../store/db.ts';
import type { IdGenerator } from '../ids.ts';
import type { Jobs } from '../jobs.ts';
import { createMediaCleanup } from './cleanup.ts';
import { createImageProcesses } from './image-processes.ts';
import { createManageMedia } from './manage.ts';
import { createProcessMedia } from './process.ts';
import type { StatusChanges } from '../statuses/changes.ts';
import { createRemotePreviews, type FetchRemoteFile } from './remote-preview.ts';
import type { MediaStorage } from './storage.ts';
import { findMediaTools, type MediaTools } from './tools.ts';
import { createUpload } from './upload.ts';

export interface MediaDeps {
  db: Db;
  ids: IdGenerator;
  jobs: Jobs;
  bus: Bus;
  storage: MediaStorage;
  config: MediaConfig;
  /** other servers' files, fetched as federation fetches (see infra/remote-files) */
  fetchRemoteFile: FetchRemoteFile;
  /** statuses whose attachments got their previews are forgotten by the caches */
  changes: StatusChanges;
}

export function createMedia(deps: MediaDeps) {
  let tools: MediaTools | undefined;
  // Found on first use: a server that never sees a video never looks for ffmpeg.
  const findTools = () => (tools ??= findMediaTools(deps.config));
  const images = createImageProcesses();
  const log = (m: string) => console.error(`[media] ${m}`);
  return {
    /** ends the image process (the server is stopping) */
    stop: () => images.stop(),
    config: deps.config,
    storage: deps.storage,
    upload: createUpload(deps),
    process: createProcessMedia({ ...deps, tools: findTools, images, log }),
    /** makes the local preview of another server's attachment (the `media.remote` job) */
    remotePreview: createRemotePreviews({ ...deps, fetchFile: deps.fetchRemoteFile, images, log }),
    cleanup: createMediaCleanup(deps),
    ...createManageMedia(deps),
  };
}

export type Media = ReturnType<typeof createMedia>;
