// A local status as its ActivityPub Note (a Question when it has a poll): what its URL answers,
// and what Create and Update carry.
import type { Context } from '@fedify/fedify';
import { Hashtag, InteractionPolicy, InteractionRule, LanguageString, Mention, PUBLIC_COLLECTION, type Note, type Question } from '@fedify/vocab';
import { automaticApproval, manualApproval } from '../../core/statuses/quote-policy.ts';
import type { Core } from '../../core/index.ts';
import type { StatusView } from '../../core/statuses/views.ts';
import { addressingOf } from '../addressing.ts';
import { actorUri, conversationContextUri, statusUri } from '../uris.ts';
import { attachmentOf, MediaNote } from './attachment.ts';
import { instant } from './instant.ts';
import { questionOf } from './question.ts';
import { authorizationUri } from './quote-authorization.ts';

/** What a local status is published as. */
export type PostObject = Note | Question;

/** Who a local status is addressed to, as ActivityPub ids. */
export function audienceOf(ctx: Context<void>, view: StatusView): { to: URL[]; cc: URL[] } {
  const username = view.account.account.username;
  return addressingOf(
    view.status.visibility,
    ctx.getFollowersUri(username),
    view.mentions.map((m) => actorUri(ctx, m.account)),
  );
}

/**
 * content and summary (the primary version, for servers that read only those), and contentMap and
 * summaryMap when the language is known, with every version in another language (Fedify writes
 * the plain value and the map from one list). A version without a content warning has no summaryMap entry.
 */
function languageMaps(view: StatusView): { contents: (string | LanguageString)[]; summaries: (string | LanguageString)[] } {
  const { status, versions } = view;
  const contents: (string | LanguageString)[] = [status.contentHtml];
  const summaries: (string | LanguageString)[] = status.spoilerText ? [status.spoilerText] : [];
  if (!status.language) return { contents, summaries };
  contents.push(new LanguageString(status.contentHtml, status.language));
  if (status.spoilerText) summaries.push(new LanguageString(status.spoilerText, status.language));
  for (const v of versions) {
    contents.push(new LanguageString(v.contentHtml, v.language));
    if (v.spoilerText) summaries.push(new LanguageString(v.spoilerText, v.language));
  }
  return { contents, summaries };
}

export async function noteOf(ctx: Context<void>, core: Core, view: StatusView): Promise<PostObject> {
  const { status, account } = view;
  const username = account.account.username;
  const parent = status.inReplyToId ? await core.remoteStatuses.addressOf(status.inReplyToId) : undefined;
  // FEP-044f: the status it quotes (while not refused) with its authorization, and who may quote this one.
  const record = view.quote?.record;
  const quoting = view.quote?.quotedId && (record?.state === 'accepted' || record?.state === 'pending') ? view.quote.quotedId : undefined;
  const quoted = quoting ? await core.remoteStatuses.addressOf(quoting) : undefined;
  const authorization = quoted && record?.state === 'accepted' ? (quoted.local ? authorizationUri(ctx, quoted.username, record.id) : record.approvalUri && new URL(record.approvalUri)) : null;
  const quoters = automaticApproval(status).map((p) => (p === 'public' ? PUBLIC_COLLECTION : ctx.getFollowersUri(username)));
  const askers = manualApproval(status).map(() => PUBLIC_COLLECTION);
  const { to, cc } = audienceOf(ctx, view);
  // The thread's name, shared by every server that has it (another server's when it began there).
  const thread = await core.remoteStatuses.contextOf(status.conversationId);
  const values = {
    id: statusUri(ctx, { id: status.id, uri: null, username }),
    attribution: ctx.getActorUri(username),
    tos: to,
    ccs: cc,
    ...languageMaps(view),
    sensitive: status.sensitive,
    published: instant(status.createdAt),
    updated: status.editedAt ? instant(status.editedAt) : null,
    url: new URL(`/@${username}/${status.id}`, ctx.canonicalOrigin),
    replyTarget: parent ? statusUri(ctx, parent) : null,
    contexts: [thread ? new URL(thread) : conversationContextUri(ctx, status.conversationId)],
    quote: quoted ? statusUri(ctx, quoted) : null,
    quoteUrl: quoted ? statusUri(ctx, quoted) : null,
    quoteAuthorization: authorization || null,
    interactionPolicy: new InteractionPolicy({ canQuote: new InteractionRule({ automaticApprovals: [...quoters, ctx.getActorUri(username)], manualApprovals: askers }) }),
    attachments: view.media.map((m) => attachmentOf(m, core.media.config.publicBaseUrl)).filter((a) => a !== null),
    tags: [
      ...view.mentions.map((m) => new Mention({ href: actorUri(ctx, m.account), name: `@${m.account.username}${m.account.domain ? `@${m.account.domain}` : ''}` })),
      ...view.tags.map((t) => new Hashtag({ href: new URL(`/tags/${encodeURIComponent(t.name)}`, ctx.canonicalOrigin), name: `#${t.displayName}` })),
    ],
  };
  return view.poll ? questionOf(values, view.poll) : new MediaNote(values);
}
