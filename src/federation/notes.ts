// Local statuses as ActivityPub Notes, and the activities that carry them.
import type { Context } from '@fedify/fedify';
import { Announce, Create, Hashtag, LanguageString, Mention, Note, PUBLIC_COLLECTION, Tombstone, Update } from '@fedify/vocab';
import { Temporal } from '@js-temporal/polyfill';
import type { Core } from '../core/index.ts';
import type { StatusView } from '../core/statuses/views.ts';
import { addressingOf } from './addressing.ts';
import { actorUri, statusActivityUri, statusUri } from './uris.ts';

const instant = (d: Date) => Temporal.Instant.fromEpochMilliseconds(d.getTime());

export function createNotes(core: Core, origin: string) {
  function audience(ctx: Context<void>, view: StatusView) {
    const username = view.account.account.username;
    return addressingOf(view.status.visibility, ctx.getFollowersUri(username), view.mentions.map((m) => actorUri(ctx, m.account)));
  }

  async function note(ctx: Context<void>, view: StatusView): Promise<Note> {
    const { status, account } = view;
    const username = account.account.username;
    const parent = status.inReplyToId ? await core.remoteStatuses.addressOf(status.inReplyToId) : undefined;
    const { to, cc } = audience(ctx, view);
    return new Note({
      id: statusUri(ctx, { id: status.id, uri: null, username }),
      attribution: ctx.getActorUri(username),
      tos: to,
      ccs: cc,
      // content, and contentMap when the language is known (Fedify writes both from this list).
      contents: status.language ? [status.contentHtml, new LanguageString(status.contentHtml, status.language)] : [status.contentHtml],
      summary: status.spoilerText || null,
      sensitive: status.sensitive,
      published: instant(status.createdAt),
      updated: status.editedAt ? instant(status.editedAt) : null,
      url: new URL(`/@${username}/${status.id}`, origin),
      replyTarget: parent ? statusUri(ctx, parent) : null,
      tags: [
        ...view.mentions.map((m) => new Mention({ href: actorUri(ctx, m.account), name: `@${m.account.username}${m.account.domain ? `@${m.account.domain}` : ''}` })),
        ...view.tags.map((t) => new Hashtag({ href: new URL(`/tags/${encodeURIComponent(t.name)}`, origin), name: `#${t.displayName}` })),
      ],
    });
  }

  return {
    note,
    audience,

    /** A new status (Create of its Note) or a reblog (Announce of the original). */
    async created(ctx: Context<void>, view: StatusView): Promise<Create | Announce> {
      const username = view.account.account.username;
      if (view.reblog) {
        const original = view.reblog;
        const originalUri = statusUri(ctx, { id: original.status.id, uri: original.status.uri, username: original.account.account.username });
        const followers = ctx.getFollowersUri(username);
        const authorUri = actorUri(ctx, original.account.account);
        return new Announce({
          id: statusActivityUri(ctx, username, view.status.id),
          actor: ctx.getActorUri(username),
          object: originalUri,
          published: instant(view.status.createdAt),
          tos: view.status.visibility === 'public' ? [PUBLIC_COLLECTION] : [followers],
          ccs: view.status.visibility === 'public' ? [followers, authorUri] : [authorUri],
        });
      }
      const object = await note(ctx, view);
      return new Create({
        id: statusActivityUri(ctx, username, view.status.id),
        actor: ctx.getActorUri(username),
        object,
        published: object.published,
        tos: object.toIds,
        ccs: object.ccIds,
      });
    },

    async updated(ctx: Context<void>, view: StatusView): Promise<Update> {
      const username = view.account.account.username;
      const object = await note(ctx, view);
      return new Update({
        id: new URL(`${object.id!.href}#updates/${view.status.editedAt?.getTime() ?? Date.now()}`),
        actor: ctx.getActorUri(username),
        object,
        published: object.updated,
        tos: object.toIds,
        ccs: object.ccIds,
      });
    },

    tombstone(ctx: Context<void>, username: string, statusId: string): Tombstone {
      return new Tombstone({ id: statusUri(ctx, { id: statusId, uri: null, username }) });
    },
  };
}

export type Notes = ReturnType<typeof createNotes>;
