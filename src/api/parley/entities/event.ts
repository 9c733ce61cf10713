// Events, questions, participants and hands as Parley's API shows them (see docs/events.md and the
// OpenAPI document). Questions are shown with their posts: the asker, the text, the answer's post.
import type { AccountView } from '../../../core/accounts/views.ts';
import type { Core } from '../../../core/index.ts';
import { eventUrl, type EventView, type QuestionView } from '../../../core/events/service.ts';
import type { StatusView } from '../../../core/statuses/views.ts';
import type { EventHandRow, EventMemberRow } from '../../../store/schema/index.ts';
import { serializeAccount, type UrlContext } from '../../mastodon/entities/account.ts';
import { serializeMediaAttachment } from '../../mastodon/entities/media-attachment.ts';
import { statusUrls } from '../../mastodon/entities/status.ts';
import { languagesOfPost } from '../../mastodon/entities/status-versions.ts';
import { chooseVersion } from '../../../core/statuses/versions.ts';
import { plainExcerpt } from '../../public/html.ts';

/** The few account fields a question or participant shows. */
export function accountBrief(view: AccountView, ctx: UrlContext) {
  const a = serializeAccount(view, ctx);
  return { id: a.id, username: a.username, acct: a.acct, display_name: a.display_name, avatar: a.avatar, url: a.url };
}

export function serializeEvent(view: EventView, host: AccountView, ctx: UrlContext) {
  const e = view.event;
  return {
    id: e.id,
    kind: e.kind,
    title: e.title,
    description: e.description,
    language: e.language,
    translations: e.translations,
    hashtag: e.hashtag,
    starts_at: e.startsAt.toISOString(),
    ends_at: e.endsAt.toISOString(),
    ended_at: e.endedAt?.toISOString() ?? null,
    state: view.state,
    premoderated: e.premoderated,
    account: serializeAccount(host, ctx),
    announcement_id: e.statusId,
    url: eventUrl(ctx.origin, e.id),
    questions_count: view.questionsCount,
    answered_count: view.answeredCount,
    created_at: e.createdAt.toISOString(),
    role: view.role,
    hand: view.hand ? { raised_at: view.hand.raisedAt.toISOString(), called_at: view.hand.calledAt?.toISOString() ?? null } : null,
  };
}

export type EventJson = ReturnType<typeof serializeEvent>;

function answerJson(q: QuestionView, posts: Map<string, StatusView>, ctx: UrlContext) {
  const a = q.answer;
  if (!a) return null;
  const post = a.statusId ? posts.get(a.statusId) : undefined;
  // The reader's version of the answer (an embassy answers in its audience's languages).
  const version = post ? chooseVersion(post.status.language, post.versions, ctx.languages) : null;
  return {
    status_id: a.statusId,
    url: post ? statusUrls(post, ctx).url : null,
    content: version?.contentHtml ?? post?.status.contentHtml ?? '',
    language: version?.language ?? post?.status.language ?? null,
    /** every language the answer is written in, primary first (empty when it has one) */
    languages: post ? languagesOfPost(post) : [],
    /** a prepared answer's text (hosts only) */
    draft: a.draft?.text ?? null,
    released: a.statusId !== null,
    media_attachments: post ? post.media.map((m) => serializeMediaAttachment(m, ctx.mediaBase ?? `${ctx.origin}/media`)) : [],
    created_at: (a.releasedAt ?? a.createdAt).toISOString(),
  };
}

export function serializeQuestion(q: QuestionView, posts: Map<string, StatusView>, ctx: UrlContext, withVoted: boolean) {
  const row = q.question;
  const post = posts.get(row.statusId);
  return {
    id: row.id,
    event_id: row.eventId,
    status_id: row.statusId,
    url: post ? statusUrls(post, ctx).url : null,
    account: post ? accountBrief(post.account, ctx) : null,
    content: post?.status.contentHtml ?? '',
    text: post ? plainExcerpt(post.status.contentHtml, 5000) : '',
    language: row.language,
    source_server: post?.account.account.domain ?? null,
    state: row.state,
    votes_count: row.votesCount,
    ...(withVoted ? { voted: q.voted ?? false } : {}),
    merged_into_id: row.mergedIntoId,
    follow_up_of_id: row.followUpOfId,
    answer: answerJson(q, posts, ctx),
    created_at: row.createdAt.toISOString(),
    answered_at: row.answeredAt?.toISOString() ?? null,
  };
}

export type QuestionJson = ReturnType<typeof serializeQuestion>;

/** Questions with their posts read in one batch (as anyone sees them: questions are public or unlisted). */
export async function renderQuestions(core: Core, items: readonly QuestionView[], ctx: UrlContext, withVoted: boolean): Promise<QuestionJson[]> {
  const ids = items.flatMap((q) => [q.question.statusId, ...(q.answer?.statusId ? [q.answer.statusId] : [])]);
  const views = await core.statusViews.hydrate(null, ids);
  const posts = new Map(views.map((v) => [v.status.id, v]));
  return items.map((q) => serializeQuestion(q, posts, ctx, withVoted));
}

/**
 * A question for the event stream, rendered once for everyone; when its answer is in several
 * languages, once more per version some listener reads (keyed by the version chosen).
 */
export async function sharedQuestion(core: Core, view: QuestionView, ctx: UrlContext) {
  const ids = [view.question.statusId, ...(view.answer?.statusId ? [view.answer.statusId] : [])];
  const posts = new Map((await core.statusViews.hydrate(null, ids)).map((v) => [v.status.id, v]));
  const payload = JSON.stringify(serializeQuestion(view, posts, ctx, false));
  const answer = view.answer?.statusId ? posts.get(view.answer.statusId) : undefined;
  if (!answer || answer.versions.length === 0) return { payload, versions: null, languages: [] as readonly string[] };
  const byKey = new Map<string, string>([['', payload]]);
  return {
    payload,
    languages: languagesOfPost(answer),
    versions(languages: readonly string[]) {
      const key = chooseVersion(answer.status.language, answer.versions, languages)?.language ?? '';
      let own = byKey.get(key);
      if (own === undefined) byKey.set(key, (own = JSON.stringify(serializeQuestion(view, posts, { ...ctx, languages }, false))));
      return { key, payload: own };
    },
  };
}

export async function renderEvents(core: Core, views: readonly EventView[], ctx: UrlContext): Promise<EventJson[]> {
  const hosts = await core.accountViews.cachedByIds(views.map((v) => v.event.accountId));
  return views.flatMap((v) => {
    const host = hosts.get(v.event.accountId);
    return host ? [serializeEvent(v, host, ctx)] : [];
  });
}

/** Members and hands name accounts: read together. */
export async function renderPeople<T extends EventMemberRow | EventHandRow>(core: Core, rows: readonly T[], ctx: UrlContext, shape: (row: T) => Record<string, unknown>) {
  const accounts = await core.accountViews.cachedByIds(rows.map((r) => r.accountId));
  return rows.flatMap((r) => {
    const a = accounts.get(r.accountId);
    return a ? [{ account: accountBrief(a, ctx), ...shape(r) }] : [];
  });
}

export const participantShape = (m: EventMemberRow) => ({ role: m.role, created_at: m.createdAt.toISOString() });
export const handShape = (h: EventHandRow) => ({ raised_at: h.raisedAt.toISOString(), called_at: h.calledAt?.toISOString() ?? null });
