// Statuses as a viewer sees them: loaded in batches (a fixed number of queries per page, whatever its
// size), with every status checked by the visibility rules before it leaves the core.
import type { Db } from '../../store/db.ts';
import type { StatusRow } from '../../store/schema/index.ts';
import type { MediaRow } from '../../store/schema/media.ts';
import type { PollRow } from '../../store/schema/polls.ts';
import { createStatusPolls, type StatusPolls } from './view-polls.ts';
import type { Bus } from '../../infra/bus.ts';
import type { ViewerState } from './viewer-state.ts';
import type { AccountView, AccountViews } from '../accounts/views.ts';
import { NO_VIEWER, type Relations, type ViewerContext } from '../relations/service.ts';
import { canView, hiddenFromLists } from '../visibility.ts';
import { createStatusExtras, type Extras, type StatusExtras } from './view-extras.ts';
import { createStatusRows, type StatusRows } from './view-rows.ts';
import { createStatusQuotes, type StatusQuotes } from './view-quotes.ts';
import { quoteVerdict, type QuoteVerdict } from './quote-policy.ts';
import type { QuoteRow, QuoteState } from '../../store/schema/quotes.ts';
import type { ViewVersion } from './versions.ts';

export type Status = StatusRow;

export interface ViewerFlags {
  favourited: boolean;
  reblogged: boolean;
  bookmarked: boolean;
  muted: boolean;
  pinned: boolean;
  /** the viewer wrote it */
  own: boolean;
  /** the options the viewer chose in its poll, in order (none when it has no poll) */
  votes: readonly number[];
}

/** A quote as this viewer sees it (Mastodon's Quote, or ShallowQuote for a quote inside a quoted status). */
export interface QuoteView {
  /** the stored state, or what the viewer is told instead: the quoted status is gone, or not theirs to see */
  state: QuoteState | 'deleted' | 'unauthorized';
  /** the quoted status as the viewer sees it: only when accepted and visible to them, never when nested */
  status: StatusView | null;
  /** a quote inside a quoted status names the status alone */
  nested: boolean;
  /** the quoted status's id while it exists (entities show it only when accepted; federation names it) */
  quotedId: string | null;
  /** the stored quote, for federation: its id, its state and the authorization another server gave */
  record: Pick<QuoteRow, 'id' | 'state' | 'approvalUri'>;
}

export interface StatusView {
  status: Status;
  account: AccountView;
  reblog: StatusView | null;
  mentions: AccountView[];
  tags: { name: string; displayName: string }[];
  app: { name: string; website: string | null } | null;
  /** attachments, in order */
  media: MediaRow[];
  /** its poll, as every viewer shares it (the viewer's votes are in `viewer`) */
  poll: PollRow | null;
  /** its versions in other languages (the reader's is chosen where it is rendered, see versions) */
  versions: readonly ViewVersion[];
  /** null for anonymous viewers */
  viewer: ViewerFlags | null;
  /** what it quotes, if anything */
  quote: QuoteView | null;
  /** how its quote policy applies to the viewer */
  quoteApproval: QuoteVerdict;
}

/** Shared by every status that mentions nobody (never changed: views are read-only). */
const NO_MENTIONS: AccountView[] = [];

function mentionedAccounts(ids: string[], accountsById: Map<string, AccountView>): AccountView[] {
  const out: AccountView[] = [];
  for (const id of ids) {
    const account = accountsById.get(id);
    if (account) out.push(account);
  }
  return out;
}

export interface HydrateOptions {
  /** also drop statuses whose author (or reblogged author) the viewer blocks or mutes, or whose domain it blocks */
  forLists?: boolean;
  /** the core already chose who sees it (live delivery): only a suspended author hides it */
  audienceChosen?: boolean;
  /** these are quoted statuses: their own quotes are named, not shown (no deeper reads) */
  nested?: boolean;
  /** only whether the viewer may see them matters: its relations with the authors are read, not its flags */
  verdictOnly?: boolean;
}

/** What hydrating reads from: the shared rows and extras, the accounts, the viewer's own state. */
interface Sources {
  rows: StatusRows;
  extras: StatusExtras;
  polls: StatusPolls;
  quotes: StatusQuotes;
  accountViews: AccountViews;
  viewerState: ViewerState;
}

const NO_POLLS: ReadonlyMap<string, PollRow> = new Map();

const NO_QUOTES: ReadonlyMap<string, QuoteRow> = new Map();
const NO_QUOTED: ReadonlyMap<string, StatusView> = new Map();

/** The statuses accepted quotes show, as the viewer sees them (one more batch, for pages holding quotes). */
function quotedViews(
  sources: Sources,
  viewerId: string | null,
  quotes: ReadonlyMap<string, QuoteRow>,
  options: HydrateOptions,
): Promise<ReadonlyMap<string, StatusView>> | ReadonlyMap<string, StatusView> {
  if (options.nested || quotes.size === 0) return NO_QUOTED;
  const ids = [...quotes.values()].flatMap((q) => (q.state === 'accepted' && q.quotedStatusId ? [q.quotedStatusId] : []));
  if (ids.length === 0) return NO_QUOTED;
  return hydrate(sources, viewerId, ids, { nested: true }).then((views) => new Map(views.map((v) => [v.status.id, v])));
}

function quoteView(row: QuoteRow | undefined, quoted: ReadonlyMap<string, StatusView>, nested: boolean): QuoteView | null {
  if (!row) return null;
  const shared = { nested, quotedId: row.quotedStatusId, record: { id: row.id, state: row.state, approvalUri: row.approvalUri } };
  if (!row.quotedStatusId) return { ...shared, state: 'deleted', status: null };
  if (row.state !== 'accepted') return { ...shared, state: row.state, status: null };
  if (nested) return { ...shared, state: 'accepted', status: null };
  const status = quoted.get(row.quotedStatusId);
  // A quote never shows what its reader may not see.
  return { ...shared, state: status ? 'accepted' : 'unauthorized', status: status ?? null };
}

const NO_FLAGS: ReadonlyMap<string, ViewerFlags> = new Map();

/** The viewer's flags on the statuses and relations with their authors (its relations alone for a verdict). */
async function viewerPart(sources: Sources, viewerId: string, all: Status[], options: HydrateOptions): Promise<{ flags: ReadonlyMap<string, ViewerFlags>; context: ViewerContext }> {
  if (!options.verdictOnly) return sources.viewerState.of(viewerId, all);
  return {
    flags: NO_FLAGS,
    context: await sources.viewerState.relationsWith(
      viewerId,
      all.map((s) => s.accountId),
    ),
  };
}

/** Statuses in the order of `ids`, leaving out unknown ones and those the viewer may not see. */
async function hydrate(sources: Sources, viewerId: string | null, ids: string[], options: HydrateOptions): Promise<StatusView[]> {
  const byId = await sources.rows.read(ids);
  if (byId.size === 0) return [];
  const all = [...byId.values()];
  const extras = await sources.extras.of(all);
  // One pass over the page: the accounts to read, and the statuses with a poll or a quote.
  const accountIds: string[] = [];
  let pollIds: string[] | undefined;
  let quoteIds: string[] | undefined;
  for (const s of all) {
    const e = extras.get(s.id)!;
    accountIds.push(s.accountId);
    for (const id of e.mentioned) accountIds.push(id);
    if (e.hasPoll) (pollIds ??= []).push(s.id);
    if (e.hasQuote) (quoteIds ??= []).push(s.id);
  }
  // Most pages hold no poll and no quote: nothing to wait for then.
  const [polls, quotes] = pollIds || quoteIds ? await Promise.all([pollIds ? sources.polls.of(pollIds) : NO_POLLS, quoteIds ? sources.quotes.of(quoteIds) : NO_QUOTES]) : [NO_POLLS, NO_QUOTES];
  const [accountsById, state, quoted] = await Promise.all([
    sources.accountViews.cachedByIds(accountIds),
    viewerId ? viewerPart(sources, viewerId, all, options) : null,
    quotedViews(sources, viewerId, quotes, options),
  ]);
  const context = state?.context ?? NO_VIEWER;
  // One object for every status's relation to the viewer, filled in per status: a page checks
  // dozens (allocation was a tenth of a warm home page's CPU, in collections).
  const relation = { viewerId, authorId: '', follows: false, mentioned: false, blockedByAuthor: false, authorSuspended: false };

  const visible = (s: Status, author: AccountView, e: Extras): boolean => {
    if (options.audienceChosen) return !author.account.suspendedAt;
    relation.authorId = s.accountId;
    relation.follows = context.follows.has(s.accountId);
    relation.mentioned = viewerId !== null && e.mentioned.includes(viewerId);
    relation.blockedByAuthor = context.blockedBy.has(s.accountId);
    relation.authorSuspended = Boolean(author.account.suspendedAt);
    return canView(s, relation);
  };
  const hidden = (s: Status) =>
    options.forLists && hiddenFromLists({ blocking: context.blocking.has(s.accountId), muting: context.muting.has(s.accountId), domainBlocking: context.domainBlocking.has(s.accountId) });

  const view = (s: Status): StatusView | null => {
    const author = accountsById.get(s.accountId);
    const e = extras.get(s.id)!;
    if (!author || !visible(s, author, e) || hidden(s)) return null;
    let reblog: StatusView | null = null;
    if (s.reblogOfId) {
      const original = byId.get(s.reblogOfId);
      reblog = original ? view(original) : null;
      if (!reblog) return null;
    }
    return {
      status: s,
      account: author,
      reblog,
      mentions: e.mentioned.length === 0 ? NO_MENTIONS : mentionedAccounts(e.mentioned, accountsById),
      tags: e.tags,
      app: e.app,
      media: e.media,
      poll: e.hasPoll ? (polls.get(s.id) ?? null) : null,
      versions: e.versions,
      viewer: state ? (state.flags.get(s.id) ?? null) : null,
      quote: e.hasQuote ? quoteView(quotes.get(s.id), quoted, options.nested === true) : null,
      // Whether the viewer follows the author matters to a followers-only policy alone (a lookup saved per status).
      quoteApproval: quoteVerdict(s, viewerId, s.quotePolicy === 'followers' && context.follows.has(s.accountId)),
    };
  };

  // Only the asked ids: `byId` also holds the originals of reblogs.
  const out: StatusView[] = [];
  for (const id of ids) {
    const s = byId.get(id);
    const v = s ? view(s) : null;
    if (v) out.push(v);
  }
  return out;
}

export function createStatusViews(deps: { db: Db; bus: Bus; accountViews: AccountViews; relations: Relations; viewerState: ViewerState }) {
  const { relations } = deps;
  const rows = createStatusRows(deps.db, deps.bus);
  const extras = createStatusExtras(deps.db);
  const polls = createStatusPolls(deps.db, deps.bus);
  const quotes = createStatusQuotes(deps.db, deps.bus);
  const sources: Sources = { rows, extras, polls, quotes, accountViews: deps.accountViews, viewerState: deps.viewerState };

  return {
    /** Statuses in the order of `ids`, leaving out unknown ones and those the viewer may not see. */
    hydrate: (viewerId: string | null, ids: string[], options: HydrateOptions = {}): Promise<StatusView[]> => hydrate(sources, viewerId, ids, options),
    /** Writers call this once a change to these statuses (counts, an edit, a delete) is committed. */
    forget: async (ids: readonly string[]): Promise<void> => {
      await Promise.all([rows.forget(ids), polls.forget(ids), quotes.forget(ids)]);
    },
    /** Taken before writing a row that `remember` will keep (see infra/shared-cache). */
    mark: (): number => rows.mark(),
    /**
     * Replies counted on these statuses, committed since `mark`: the rows kept in every process
     * take the new counts (a post drawing many replies is not read again after each batch).
     */
    repliesCounted: (counts: ReadonlyMap<string, number>, mark: number): Promise<void> => rows.repliesCounted(counts, mark),
    /**
     * A row just committed, kept unless it changed since `mark` (this process only), with what the
     * writer knows it says besides (so answering the POST reads nothing back).
     */
    remember(row: Status, mark: number, known: Omit<Extras, 'version'>): void {
      rows.remember(row, mark);
      extras.remember(row, known);
    },
    async one(viewerId: string | null, id: string): Promise<StatusView | undefined> {
      return (await hydrate(sources, viewerId, [id], {}))[0];
    },
    /**
     * A status rendered for live delivery to an audience the core's rules choose (fan-out's
     * recipients, or followers' streams by timelines/stream-rules): seen as its author sees it,
     * without anyone's personal flags.
     */
    async forDelivery(id: string): Promise<StatusView | undefined> {
      return (await hydrate(sources, null, [id], { audienceChosen: true }))[0];
    },

    /** The visibility verdict alone, for actions on a status (favourite, reply, ...). */
    async visibleRow(viewerId: string | null, id: string): Promise<Status | undefined> {
      const [v] = await hydrate(sources, viewerId, [id], { verdictOnly: true });
      return v?.status;
    },
    context: (viewerId: string | null, authorIds: string[]): Promise<ViewerContext> => relations.viewerContext(viewerId, authorIds),
  };
}

export type StatusViews = ReturnType<typeof createStatusViews>;
