// Every durable job the core queues, with what it is given: one map, so enqueueing a job by a
// misspelt name or with a wrong payload, or leaving a job without a handler, fails to compile.
import type { Jobs as JobQueue, JobHandlers as HandlersOf } from '../infra/jobs.ts';
import type { OutboxEvent } from './outbox.ts';

export type { Executor } from '../infra/jobs.ts';

export interface JobPayloads {
  /** the author's recent posts go into the account's home feed (it followed, or was accepted) */
  'feed.merge': { accountId: string; authorId: string };
  /** the author's posts leave the account's home feed (it unfollowed, blocked or was blocked) */
  'feed.unmerge': { accountId: string; authorId: string };
  /** an edited status reaches the screens its delivery reached */
  'status.updated': { statusId: string };
  /** a deleted status (and its reblogs) leaves feeds and screens; the status itself is gone */
  'status.removed': StatusRemoval;
  /** new notifications reach their recipients' open streams once committed */
  'notification.live': { items: { id: string; recipientId: string; fromId: string }[] };
  /** an uploaded still image is processed (see media/process) */
  'media.image': { mediaId: string };
  /** an uploaded video, animated image or audio is processed (a separate, smaller pool) */
  'media.video': { mediaId: string };
  /** another server's picture (or a video's preview image) is fetched for a local preview (see media/remote-preview) */
  'media.remote': { mediaId: string };
  /** abandoned media and their files are removed; the job queues its next run */
  'media.cleanup': Record<string, never>;
  /** statuses, tags and links are scored into the trends table; the job queues its next run (see trends/score) */
  'trends.refresh': Record<string, never>;
  /** a scheduled post is made at its time (see statuses/publish-scheduled); keyed by `scheduledJobKey` */
  'status.publish-scheduled': { scheduledStatusId: string };
  /** who used hashtags on days no longer shown is forgotten; the job queues its next run */
  'tags.prune': Record<string, never>;
  /** a poll ends: closed, and its author and local voters notified (see statuses/poll-close) */
  'poll.expire': { pollId: string };
  /**
   * a remote poll is read again from its server, the request signed as the local account named
   * (someone looking at it, or a voter at its end): the federation door runs it (see statuses/remote-poll-refresh)
   */
  'poll.refresh': { pollId: string; accountId: string };
  /** a poll's counts or end moved: the screens showing its status hear of it (see statuses/poll-news) */
  'poll.changed': { statusId: string };
  /** an account's annual report is computed and stored (see annual-reports/service); keyed per account and year */
  'annual-report.generate': { accountId: string; year: number };
  /**
   * a remote status's replies are fetched from its server, signed as the local reader named, and
   * counted on the refresh named: the federation door runs it (see statuses/remote-replies)
   */
  'replies.fetch': { statusId: string; refreshId: string; accountId: string };
  /** an announcement reaches users' open screens when it starts, and leaves them when it ends (see announcements/publish) */
  'announcement.live': { announcementId: string; event: 'announcement' | 'announcement.delete' };
  /** a live event starts or ends: its open screens hear of it (see events/create) */
  'event.moment': { eventId: string };
  /** what other servers must hear of: a door delivers it (see outbox) */
  outbox: OutboxEvent;
}

/** Who must see a deleted status disappear, recorded before it went (see statuses/service). */
export interface StatusRemoval {
  statusId: string;
  reblogIds: string[];
  authorId: string;
  rebloggerIds: string[];
  /** every home feed that held it or a reblog of it, its author and mentioned accounts */
  accountIds: string[];
  public: boolean;
  direct: boolean;
  local: boolean;
  tags: string[];
}

/** The job queue as the core uses it: only the jobs of the map, each with its payload. */
export type Jobs = JobQueue<JobPayloads>;

/** A handler for every job of the map. */
export type JobHandlers = HandlersOf<JobPayloads>;
