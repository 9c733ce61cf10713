// The Profile entity (Mastodon 4.6): the user's own profile with the values as they were typed, for
// editing. Parley keeps no picture descriptions, profile tabs or attribution domains: those show
// Mastodon's defaults.
import type { Account } from '../../../core/accounts/service.ts';

/** `featuredTags`: the user's FeaturedTag entities. */
export function serializeProfile(account: Account, featuredTags: readonly unknown[]) {
  return {
    id: account.id,
    display_name: account.displayName,
    note: account.note,
    fields: account.fields.map((f) => ({ name: f.name, value: f.value, verified_at: f.verifiedAt })),
    // Unlike the Account entity's, null when the user set none.
    avatar: account.avatarUrl,
    avatar_static: account.avatarUrl,
    avatar_description: '',
    header: account.headerUrl,
    header_static: account.headerUrl,
    header_description: '',
    locked: account.locked,
    bot: account.bot,
    hide_collections: account.hideCollections,
    discoverable: account.discoverable,
    indexable: account.indexable,
    show_media: true,
    show_media_replies: true,
    show_featured: true,
    attribution_domains: [] as string[],
    featured_tags: featuredTags,
  };
}
