// The core: Parley's rules, free of HTTP, ActivityPub and React.
import type { Config } from '../config.ts';
import type { Bus } from '../infra/bus.ts';
import type { FeedStore } from '../infra/feeds.ts';
import type { Executor, JobHandlers, Jobs } from './jobs.ts';
import type { Db, Tx } from '../store/db.ts';
import { createActivity } from './accounts/activity.ts';
import { createAnnualReports } from './annual-reports/service.ts';
import { createAsyncRefreshes } from './async-refreshes.ts';
import { createAnnouncements } from './announcements/service.ts';
import { createEvents } from './events/service.ts';
import { createAccountKeys } from './accounts/keys.ts';
import { createRemoteAccounts } from './accounts/remote.ts';
import { createAccounts } from './accounts/service.ts';
import { createAccountViews } from './accounts/views.ts';
import { createChanges, forgetOnChange } from './changes.ts';
import { createOAuth } from './auth/oauth.ts';
import type { IdGenerator } from './ids.ts';
import { createInstance } from './instance.ts';
import { createInstanceTexts } from './instance-texts.ts';
import { createLive } from './live.ts';
import { createFilters } from './filters/service.ts';
import { createMarkers } from './markers.ts';
import { createConversations } from './conversations/service.ts';
import { createDiscovery } from './discovery/service.ts';
import { createMedia } from './media/service.ts';
import type { FetchRemoteFile } from './media/remote-preview.ts';
import type { MediaStorage } from './media/storage.ts';
import { statusChangesOf } from './statuses/changes.ts';
import { createNotifications } from './notifications/service.ts';
import { createNotificationViews } from './notifications/views.ts';
import { createOutbox, type OUTBOX_TASK } from './outbox.ts';
import { createRelations } from './relations/service.ts';
import { createSearch } from './search/service.ts';
import { createComposer } from './statuses/compose.ts';
import { createRemoteStatuses } from './statuses/remote.ts';
import type { POLL_REFRESH_TASK } from './statuses/remote-poll-refresh.ts';
import type { REPLIES_FETCH_TASK } from './statuses/remote-replies.ts';
import { createStatuses } from './statuses/service.ts';
import { createStatusViews } from './statuses/views.ts';
import { createViewerState } from './statuses/viewer-state.ts';
import { createCollections } from './collections/service.ts';
import { createLists } from './lists/service.ts';
import { createTags } from './tags/service.ts';
import { createFanout, FANOUT_QUEUE } from './timelines/fanout.ts';
import { createTimelines } from './timelines/service.ts';
import { createTrends } from './trends/service.ts';
import { createPulledAuthors } from './timelines/pulled.ts';
import { createAudiences } from './timelines/audiences.ts';
import { createTranslate } from './statuses/translate.ts';
import type { Translator } from '../infra/translator.ts';

export interface CoreDeps {
  db: Db;
  ids: IdGenerator;
  config: Config;
  jobs: Jobs;
  feeds: FeedStore;
  bus: Bus;
  /** where media files live (infra/media-fs or media-s3) */
  mediaStorage: MediaStorage;
  /** other servers' files (remote attachments' previews), fetched with federation's guards (infra/remote-files) */
  fetchRemoteFile: FetchRemoteFile;
  /** machine translation (infra/translator), when the server has a service for it */
  translator?: Translator | null | undefined;
}

export function createCore(deps: CoreDeps) {
  const { db, ids, config, jobs, feeds, bus, mediaStorage, fetchRemoteFile } = deps;
  const accountViews = createAccountViews(db, bus);
  const changes = createChanges();
  const oauth = createOAuth({ db, ids, bus, changes });
  const access = oauth.access;
  const live = createLive({ db, bus });
  const markers = createMarkers({ db });
  const notifications = createNotifications({ db, ids, jobs, live, markers });
  const outbox = createOutbox({ jobs, db });
  const viewerState = createViewerState({ db, bus });
  const pulled = createPulledAuthors({ db, bus });
  const audiences = createAudiences({ db, bus, inactiveDays: config.feedInactiveDays });
  const relations = createRelations({ db, ids, jobs, notifications, outbox, changes });
  const views = createStatusViews({ db, bus, accountViews, relations, viewerState });
  forgetOnChange(changes, { access, accountViews, viewerState, pulled, audiences, live, views });
  const fanout = createFanout({ db, feeds, notifications, live, accountViews, audiences, changes, views, pullThreshold: config.fanoutPullThreshold, inactiveDays: config.feedInactiveDays });
  const composer = createComposer({ db, ids, config: { origin: config.origin, domain: config.domain, maxChars: config.limits.maxStatusChars } });
  const lists = createLists({ db, ids, changes });
  const refreshes = createAsyncRefreshes({ db });
  const statuses = createStatuses({ db, ids, jobs, composer, views, accountViews, viewerState, notifications, outbox, audienceOf: fanout.recipients, pulled, changes, refreshes });
  const accounts = createAccounts({ db, ids, config, outbox, changes });
  return {
    accounts,
    /** Committed changes to accounts and relations, as their verbs announce them (see core/changes). */
    changes,
    /** Who tokens speak for, remembered briefly; changes made outside the core announce themselves here. */
    access,
    accountViews,
    oauth,
    instance: createInstance({ db }),
    /** the rules, privacy policy, terms of service and description, with when each last changed */
    instanceTexts: createInstanceTexts({ db, config }),
    notifications,
    notificationViews: createNotificationViews({ accountViews, statusViews: views, relations }),
    relations,
    statusViews: views,
    viewerState,
    statuses,
    /** local accounts' signing keys */
    accountKeys: createAccountKeys(db),
    remoteAccounts: createRemoteAccounts({ db, ids, changes, localDomain: config.domain }),
    activity: createActivity({ db, feeds, changes, inactiveDays: config.feedInactiveDays }),
    remoteStatuses: createRemoteStatuses({ db, ids, jobs, composer, notifications, statuses }),
    outbox,
    lists,
    collections: createCollections({ db, ids }),
    timelines: createTimelines({ db, feeds, views, pulled }),
    fanout,
    /** Who each author's posts are pushed to, remembered for a minute (see timelines/audiences). */
    audiences,
    live,
    markers,
    conversations: createConversations({ db, views, accountViews }),
    media: createMedia({ db, ids, jobs, bus, storage: mediaStorage, config: config.media, fetchRemoteFile, changes: statusChangesOf(changes) }),
    filters: createFilters({ db, ids, live }),
    search: createSearch({ db, views, domain: config.domain, authorOf: async (acct) => (await accounts.lookup(acct))?.id, indexing: config.searchIndex }),
    /** the directory, follow suggestions, familiar followers */
    discovery: createDiscovery({ db, accountViews }),
    /** trending statuses, tags and links: scored by a periodic job, read from what it stored */
    trends: createTrends({ db, jobs, views, config }),
    tags: createTags({ db, ids, changes, jobs }),
    /** work clients poll (Mastodon's async refreshes) */
    refreshes,
    /** annual reports ("Wrapstodon"), made by a job on request */
    annualReports: createAnnualReports({ db, jobs, refreshes, views, accountViews }),
    /** the administrator's announcements, their dismissals and reactions */
    announcements: createAnnouncements({ db, ids, jobs, live }),
    /** live events: Q&A, press briefings and live coverage (see docs/events.md) */
    events: createEvents({ db, ids, jobs, statuses, views, bus, origin: config.origin }),
    /** posts in a reader's language: the author's versions first, else a machine's, kept per edit */
    translation: createTranslate({ db, views, translator: deps.translator ?? null }),
  };
}

export type Core = ReturnType<typeof createCore>;

/**
 * The durable jobs the core defines, for any worker process to run; the federation door delivers
 * the outbox, reads remote polls again and fetches remote replies.
 */
export function jobHandlers(core: Core): Omit<JobHandlers, typeof OUTBOX_TASK | typeof POLL_REFRESH_TASK | typeof REPLIES_FETCH_TASK> {
  return {
    'feed.merge': (p) => core.fanout.merge(p.accountId, p.authorId),
    'feed.unmerge': (p) => core.fanout.unmerge(p.accountId, p.authorId),
    'status.updated': async (p) => {
      await core.search.index([p.statusId]);
      await core.fanout.edited(p.statusId);
    },
    'status.removed': async (p) => {
      await Promise.all([
        core.fanout.removed([p.statusId, ...p.reblogIds], p.accountIds),
        core.live.statusDeleted(p.statusId, p),
        core.conversations.statusRemoved(p),
        core.events.statusRemoved(p.statusId),
      ]);
    },
    'notification.live': async (p) => {
      for (const n of p.items) await core.live.notificationCreated(n.id, n.recipientId, n.fromId);
    },
    'poll.expire': (p) => core.statuses.closeExpiredPoll(p.pollId),
    'annual-report.generate': (p) => core.annualReports.run(p),
    // No edit marks the change: the moment is the version, so no earlier render is served for it.
    'poll.changed': (p) => core.fanout.edited(p.statusId, Date.now()),
    'announcement.live': (p) => core.announcements.sendLive(p.announcementId, p.event),
    'event.moment': (p) => core.events.moment(p.eventId),
    'status.publish-scheduled': (p) => core.statuses.publishScheduled(p.scheduledStatusId),
    'media.image': (p) => core.media.process(p.mediaId),
    'media.video': (p) => core.media.process(p.mediaId),
    'media.remote': (p) => core.media.remotePreview(p.mediaId),
    'media.cleanup': async () => {
      await core.media.cleanup.run();
      await core.media.cleanup.schedule();
    },
    'trends.refresh': async () => {
      await core.trends.scoring.run();
      await core.trends.scoring.schedule();
    },
    'tags.prune': async () => {
      await core.tags.prune.run();
      await core.tags.prune.schedule();
    },
  };
}

/** Work queued by id and handled in batches (see infra/batches). */
export function batchHandlers(core: Core) {
  return {
    // New statuses become searchable in the same batch (their words are written off the posting path).
    [FANOUT_QUEUE]: {
      handle: async (ids: string[], tx: Tx) => {
        await core.search.index(ids, tx);
        // Questions and answers to live events are taken with the delivery, exactly once.
        const facts = await core.live.factsOf(ids);
        const heard = await core.events.intake(facts, tx);
        const delivered = await core.fanout.statuses(ids, tx, facts);
        return async () => {
          await delivered?.();
          await heard?.();
        };
      },
      // A post whose delivery kept failing is still counted (its author's profile, its hashtags, its parent's replies), and searchable.
      abandon: async (ids: string[], tx: Executor) => {
        await core.search.index(ids, tx);
        return core.fanout.countOnly(ids, tx);
      },
    },
  };
}
