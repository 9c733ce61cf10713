// Posting a status: the rules (idempotency, what it answers, defaults of the author) and the row
// it makes; the post writer writes it (see post-writer).
import type { Db } from '../../store/db.ts';
import type { KeptVersion, Visibility } from '../../store/schema/index.ts';
import { statusByKey } from '../../store/statuses/idempotency.ts';
import { versionLanguagesOf } from '../../store/statuses/versions.ts';
import type { Jobs } from '../jobs.ts';
import type { Account, User } from '../accounts/service.ts';
import type { IdGenerator } from '../ids.ts';
import { FANOUT_QUEUE } from '../timelines/fanout.ts';
import type { StatusAccess } from './access.ts';
import type { StatusChanges } from './changes.ts';
import type { Composed, Composer } from './compose.ts';
import type { PollInput } from './poll-input.ts';
import { newPostPolicy, quotingVisibility, type QuotePolicy } from './quote-policy.ts';
import type { PostChecks } from './post-checks.ts';
import type { NewPost, PostWriter } from './post-writer.ts';
import type { CompanionRow } from './post-statement.ts';
import type { ViewerState } from './viewer-state.ts';
import { asViewVersions, type VersionInput } from './versions.ts';
import type { Status, StatusView, StatusViews } from './views.ts';

export interface PostInput {
  text: string;
  visibility?: Visibility | undefined;
  spoilerText?: string | undefined;
  sensitive?: boolean | undefined;
  inReplyToId?: string | undefined;
  language?: string | null | undefined;
  /** the app the author posts with, shown on the status */
  app?: { id: string; name: string; website: string | null } | null | undefined;
  idempotencyKey?: string | undefined;
  /** uploads to attach, in order */
  mediaIds?: readonly string[] | undefined;
  /** a poll (a post carries a poll or media, not both) */
  poll?: PollInput | undefined;
  /** the scheduled post this makes: the uploads it reserved are its own, and it goes in the same commit */
  scheduledId?: string | undefined;
  /** the status it quotes (see quote) */
  quotedStatusId?: string | undefined;
  /** who may quote it (see quote-policy; the author's default when not given) */
  quotePolicy?: QuotePolicy | undefined;
  /** its versions in other languages (see versions) */
  versions?: readonly VersionInput[] | undefined;
  /**
   * Rows of other tables that belong to the post, made from its row and written with it (an
   * event's question: no one sees the post without it); see post-statement.
   */
  companions?: ((row: Status) => CompanionRow[]) | undefined;
}

/**
 * Which field of the new post (see post-writer's FAST_PATH_FIELDS) carries each field of the input:
 * a field added to PostInput must say how it is written, or this fails to compile.
 */
export const POST_INPUT_CARRIED_BY = {
  text: 'row',
  visibility: 'row',
  spoilerText: 'row',
  sensitive: 'row',
  language: 'row',
  app: 'row',
  inReplyToId: 'parent',
  idempotencyKey: 'idempotencyKey',
  mediaIds: 'media',
  poll: 'poll',
  scheduledId: 'scheduledId',
  quotedStatusId: 'quote',
  quotePolicy: 'row',
  versions: 'versions',
  companions: 'companions',
} as const satisfies Record<keyof PostInput, keyof NewPost>;

const IDEMPOTENCY_HOURS = 1;

/** The new row as PostgreSQL will hold it (defaults included: the type asks for every column). */
function newRow(id: string, author: Account, user: User, input: PostInput, composed: Composed, versions: readonly KeptVersion[], parent: Status | undefined, quoted: Status | undefined): Status {
  const visibility = quotingVisibility(input.visibility ?? user.settings.defaultVisibility, quoted);
  return {
    id,
    accountId: author.id,
    local: author.domain === null,
    uri: null,
    url: null,
    text: composed.text,
    contentHtml: composed.contentHtml,
    spoilerText: composed.spoilerText,
    // A content warning makes a status sensitive.
    sensitive: input.sensitive ?? (composed.spoilerText.length > 0 || user.settings.defaultSensitive),
    visibility,
    language: composed.language,
    versionLanguages: versionLanguagesOf(versions),
    inReplyToId: parent?.id ?? null,
    inReplyToAccountId: parent?.accountId ?? null,
    reblogOfId: null,
    conversationId: parent?.conversationId ?? id,
    appId: input.app?.id ?? null,
    repliesCount: 0,
    reblogsCount: 0,
    favouritesCount: 0,
    quotesCount: 0,
    editedAt: null,
    createdAt: new Date(),
    quotePolicy: newPostPolicy(input.quotePolicy, visibility),
  };
}

export function createPost(deps: {
  db: Db;
  ids: IdGenerator;
  jobs: Jobs;
  composer: Composer;
  views: StatusViews;
  viewerState: ViewerState;
  writer: PostWriter;
  access: StatusAccess;
  changes: StatusChanges;
  checkPost: PostChecks;
}) {
  const { db, ids, jobs, views, viewerState, writer, access, changes, checkPost } = deps;

  /** The post written (its row), or the one its idempotency key made earlier (its view). */
  async function write(author: Account, user: User, input: PostInput): Promise<{ row: Status } | { earlier: StatusView }> {
    // A post answered from its key writes no companion: a caller needing them gives no key.
    if (input.companions && input.idempotencyKey) throw new Error('a post with companion rows takes no idempotency key');
    if (input.idempotencyKey) {
      const seen = await statusByKey(db, author.id, input.idempotencyKey, IDEMPOTENCY_HOURS);
      const earlier = seen && (await views.one(author.id, seen));
      if (earlier) return { earlier };
    }
    const { parent, media, poll, quote, composed, versions } = await checkPost(author, user, input);
    const id = ids();

    // The row is remembered once committed, so that answering the POST and rendering it for streams
    // read nothing back. The mark comes first: any change to the status after this forgets it again.
    const mark = views.mark();
    const row = newRow(id, author, user, input, composed, versions, parent, quote?.quoted);
    const tags = await writer.write({
      row,
      tagNames: composed.tagNames,
      links: composed.links,
      mentioned: composed.mentioned,
      parent,
      idempotencyKey: input.idempotencyKey || undefined,
      media,
      poll,
      quote,
      scheduledId: input.scheduledId,
      versions,
      companions: input.companions?.(row),
    });
    jobs.batches.wake(FANOUT_QUEUE);
    views.remember(row, mark, {
      mentioned: composed.mentioned.map((a) => a.id),
      tags,
      app: input.app ? { name: input.app.name, website: input.app.website } : null,
      media: media.map((m, position) => ({ ...m, statusId: id, position })),
      hasPoll: poll !== undefined,
      hasQuote: quote !== undefined,
      versions: asViewVersions(versions),
    });
    viewerState.created(author.id, row);
    if (quote) await changes.committed({ statusIds: [quote.quoted.id] });
    return { row };
  }

  return {
    /** Posts, answering with the new status as its author sees it. */
    async post(author: Account, user: User, input: PostInput): Promise<StatusView> {
      const written = await write(author, user, input);
      return 'earlier' in written ? written.earlier : access.view(author.id, written.row.id);
    },
    /** Posts, answering with the new row alone: for a caller that renders nothing of it (an event's question). */
    async postRow(author: Account, user: User, input: PostInput): Promise<Status> {
      const written = await write(author, user, input);
      return 'earlier' in written ? written.earlier.status : written.row;
    },
  };
}
