// The statuses core: each verb in a file of its own (post.ts, edit.ts, remove.ts, ...), wired here.
import type { Db } from '../../store/db.ts';
import { pinnedIds } from '../../store/statuses/pins.ts';
import type { Jobs } from '../jobs.ts';
import type { AccountViews } from '../accounts/views.ts';
import type { IdGenerator } from '../ids.ts';
import type { Notifications } from '../notifications/service.ts';
import type { Outbox } from '../outbox.ts';
import type { PulledAuthors } from '../timelines/pulled.ts';
import { createStatusAccess } from './access.ts';
import { createBookmark } from './bookmark.ts';
import { statusChangesOf } from './changes.ts';
import type { Changes } from '../changes.ts';
import type { Composer } from './compose.ts';
import { createEdit } from './edit.ts';
import { createVersionEdits } from './edit-version.ts';
import { createFavourite } from './favourite.ts';
import { createHistory } from './history.ts';
import { createMuteConversation } from './mute-conversation.ts';
import { createStatusPeople } from './people.ts';
import { createPin } from './pin.ts';
import { createPost } from './post.ts';
import { createPostChecks } from './post-checks.ts';
import { createCancelScheduled } from './cancel-scheduled.ts';
import { createPublishScheduled } from './publish-scheduled.ts';
import { createRescheduleStatus } from './reschedule-status.ts';
import { createScheduleStatus } from './schedule-status.ts';
import { createScheduledReads } from './scheduled-reads.ts';
import { createFastPostWriter, type PostWriter } from './post-writer.ts';
import { createReblog } from './reblog.ts';
import { createRemoval, createRemove } from './remove.ts';
import { createThread } from './thread.ts';
import { createPollClose } from './poll-close.ts';
import { createPollNews } from './poll-news.ts';
import { createPollRead, createVote } from './vote.ts';
import { createRemoteVote, createRemoteVoters, createVotesToSend } from './remote-polls.ts';
import { createRemotePollRefresh } from './remote-poll-refresh.ts';
import { createRemoteReplies } from './remote-replies.ts';
import type { AsyncRefreshes } from '../async-refreshes.ts';
import type { ViewerState } from './viewer-state.ts';
import { createQuoteCheck } from './quote.ts';
import { createRevokeQuote } from './revoke-quote.ts';
import { createQuotesRead } from './quotes-read.ts';
import { createAnswerQuoteRequest } from './quote-request-answer.ts';
import { createQuoteAnswered } from './quote-answered.ts';
import { createApproveQuote } from './approve-quote.ts';
import { createRemoteQuotes } from './remote-quote.ts';
import { quoteById } from '../../store/statuses/quotes.ts';
import { createSetQuotePolicy } from './set-quote-policy.ts';
import type { StatusViews } from './views.ts';

export type { PostInput } from './post.ts';
export type { EditInput } from './edit.ts';
export type { StatusVersion } from './history.ts';
export type { StatusChange } from './changes.ts';
export type { ScheduledStatus } from './scheduled.ts';

export function createStatuses(deps: {
  db: Db;
  ids: IdGenerator;
  jobs: Jobs;
  composer: Composer;
  views: StatusViews;
  accountViews: AccountViews;
  viewerState: ViewerState;
  notifications: Notifications;
  outbox: Outbox;
  /** who a status was delivered to (fan-out's recipients), for removing it everywhere */
  audienceOf: (statusId: string) => Promise<string[]>;
  pulled: PulledAuthors;
  /** the core's committed changes, which the caches listen to */
  changes: Changes;
  /** work clients poll (replies fetched from other servers) */
  refreshes: AsyncRefreshes;
  /** the fast post writer unless given (see post-writer) */
  writer?: PostWriter;
}) {
  const { db, views } = deps;
  const access = createStatusAccess({ db, views });
  // Every verb announces what it changed once committed; the caches listen (see core/changes.ts).
  const changes = statusChangesOf(deps.changes);
  const writer = deps.writer ?? createFastPostWriter(deps);
  const removal = createRemoval(deps);
  const shared = { ...deps, access, changes, removal, pollNews: createPollNews(deps) };
  const history = createHistory(shared);
  const closeExpiredPoll = createPollClose(shared);
  const pollRefresh = createRemotePollRefresh({ ...deps, closeExpiredPoll });
  const remoteReplies = createRemoteReplies(deps);
  const checkPost = createPostChecks({ ...shared, checkQuote: createQuoteCheck(shared) });
  const { post, postRow } = createPost({ ...shared, writer, checkPost });
  const edit = createEdit(shared);
  return {
    post,
    postRow,
    /** posts scheduled for later (Mastodon's scheduled statuses) */
    scheduled: {
      schedule: createScheduleStatus({ ...shared, checkPost, post }),
      reschedule: createRescheduleStatus(shared),
      cancel: createCancelScheduled(shared),
      ...createScheduledReads(db),
    },
    /** the 'status.publish-scheduled' job */
    publishScheduled: createPublishScheduled({ db, post }),
    edit,
    /** one version of a post in another language added, replaced or removed (see versions) */
    ...createVersionEdits({ db, access, edit }),
    remove: createRemove(shared),
    ...createReblog(shared),
    ...createFavourite(shared),
    bookmark: createBookmark(shared),
    pin: createPin(shared),
    muteConversation: createMuteConversation(shared),
    /** the status of a poll, as the viewer sees it */
    pollStatus: createPollRead({ ...shared, refresh: pollRefresh }),
    vote: createVote(shared),
    /** a vote another server sent for one of our polls */
    receiveVote: createRemoteVote(shared),
    /** our votes in a remote poll, for its author's server */
    votesToSend: createVotesToSend(db),
    /** the remote accounts that voted in a local poll */
    remoteVoters: createRemoteVoters(db),
    /** the 'poll.expire' job */
    closeExpiredPoll,
    /** remote polls read again from their server (the 'poll.refresh' job, run by the federation door) */
    pollRefresh,
    /** quotes: the author's revoke, their list of quotes, who may quote a status */
    revokeQuote: createRevokeQuote(shared),
    quotesOf: createQuotesRead(shared),
    setQuotePolicy: createSetQuotePolicy(shared),
    /** quotes between servers (FEP-044f): another's request answered, our request answered, remote posts' quotes */
    answerQuoteRequest: createAnswerQuoteRequest(shared),
    quoteAnswered: createQuoteAnswered(shared),
    /** a request to quote answered by hand (Parley's manual policy) */
    approveQuote: createApproveQuote(shared),
    remoteQuotes: createRemoteQuotes(shared),
    quoteById: (id: string) => quoteById(db, id),
    get: access.view,
    context: createThread({ ...shared, remoteReplies }),
    /** replies to remote posts fetched from their server (the 'replies.fetch' job, run by the federation door) */
    remoteReplies,
    history: history.history,
    source: history.source,
    ...createStatusPeople(shared),
    pinnedIds: (accountId: string): Promise<string[]> => pinnedIds(db, accountId),
    /** Deletes a status inside the caller's transaction; announce the change it returns once committed. */
    destroy: removal.destroy,
    changes,
  };
}

export type Statuses = ReturnType<typeof createStatuses>;
