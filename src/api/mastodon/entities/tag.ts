import type { FeaturedTagView, TagView } from '../../../core/tags/service.ts';

/** Mastodon's Tag entity: its week's history (counts as strings), and the viewer's follow and feature when signed in. */
export function serializeTag(view: TagView, origin: string) {
  return {
    // A tag nothing used yet has no id (Mastodon shows it empty).
    id: view.id ?? '',
    name: view.displayName,
    url: `${origin}/tags/${encodeURIComponent(view.name)}`,
    history: view.history.map((h) => ({ day: String(h.day), uses: String(h.uses), accounts: String(h.accounts) })),
    ...(view.following === undefined ? {} : { following: view.following }),
    ...(view.featuring === undefined ? {} : { featuring: view.featuring }),
  };
}

/** Mastodon's FeaturedTag entity: its count as a string, its last use as a day. */
export function serializeFeaturedTag(featured: FeaturedTagView, origin: string, username: string) {
  return {
    id: featured.id,
    name: featured.tag.displayName,
    url: `${origin}/@${username}/tagged/${encodeURIComponent(featured.tag.name)}`,
    statuses_count: String(featured.statusesCount),
    last_status_at: featured.lastStatusAt ? featured.lastStatusAt.toISOString().slice(0, 10) : null,
  };
}
