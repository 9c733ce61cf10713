// A remote account as the federation door would describe it to the core, for tests that store one
// without a peer server.
import type { RemoteAccountInput } from '../../src/core/accounts/remote.ts';

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
