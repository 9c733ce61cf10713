// Remote accounts and posts as the federation door would describe them to the core, for tests that
// store them without a peer server.
import type { RemoteAccountInput } from '../../src/core/accounts/remote.ts';
import type { RemoteStatusInput } from '../../src/core/statuses/remote.ts';

export function remoteAccountInput(username: string, domain: string, overrides: Partial<RemoteAccountInput> = {}): RemoteAccountInput {
  const uri = `https://${domain}/users/${username}`;
  return {
    uri,
    username,
    domain,
    displayName: 'Far',
    noteHtml: '',
    fields: [],
    locked: false,
    bot: false,
    discoverable: true,
    indexable: true,
    url: null,
    avatarUrl: null,
    headerUrl: null,
    inboxUrl: `${uri}/inbox`,
    sharedInboxUrl: null,
    followersUrl: null,
    createdAt: null,
    ...overrides,
  };
}

/** A public post as the federation door would describe it to the core (see core/statuses/remote). */
export function remoteStatusInput(uri: string, text: string, overrides: Partial<RemoteStatusInput> = {}): RemoteStatusInput {
  return {
    uri,
    url: null,
    contentHtml: `<p>${text}</p>`,
    spoilerText: '',
    sensitive: false,
    visibility: 'public',
    language: null,
    inReplyToId: null,
    mentionedIds: [],
    tagNames: [],
    publishedAt: new Date(),
    attachments: [],
    ...overrides,
  };
}
