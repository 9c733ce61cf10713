import type { List } from '../../../core/lists/service.ts';

/** Mastodon's List entity. */
export function serializeList(list: List) {
  return { id: list.id, title: list.title, replies_policy: list.repliesPolicy, exclusive: list.exclusive };
}
